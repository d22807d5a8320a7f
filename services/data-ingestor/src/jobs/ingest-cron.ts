import { type Counter, CRON_BINDINGS } from "@trip/shared";
import type { IngestionDeps } from "../use-cases/ports.ts";
import { runScheduledIngestion } from "../use-cases/run-ingestion.ts";

/** The `cron-ingest` binding: one scheduled ingestion per tick, counted in `cron_ticks_total`. */
export const ingestCrons = (deps: IngestionDeps, cronTicks: Counter) => ({
  [CRON_BINDINGS.ingest]: async () => {
    cronTicks.inc({ binding: CRON_BINDINGS.ingest });
    await runScheduledIngestion(deps);
  },
});
