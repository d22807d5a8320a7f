/**
 * bun tools/import-legacy --dump old.sql — the old system's rate history into exchange_rates and
 * daily_stats, through a Dapr sidecar (docs/migration.md). Progress on stderr, the summary on stdout.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import { sqlAnalysisStore } from "@trip/history/src/adapters/analysis-store.ts";
import { sqlRateHistoryStore } from "@trip/history/src/adapters/rate-history-store.ts";
import { applyMigrations, createLogger, createSidecar, systemClock } from "@trip/shared";
import { sqlTargetStore } from "./adapters/target-store.ts";
import { type ImportConfig, loadConfig } from "./config.ts";
import { formatSummary } from "./domain/summary.ts";
import { readDump } from "./jobs/read-dump.ts";
import { runImport } from "./jobs/run-import.ts";

const progress = (line: string) => process.stderr.write(`${line}\n`);
const configOrUsage = (): ImportConfig => {
  try {
    return loadConfig(Bun.argv.slice(2), process.env);
  } catch (err) {
    // A wrong command line is answered with the reason and the usage, not a stack trace.
    progress(err instanceof Error ? err.message : String(err));
    process.exit(2);
  }
};
const config = configOrUsage();
const clock = systemClock;
const startedAt = clock.now();
const log = createLogger({ service: "import-legacy", sink: progress });

const sidecar = createSidecar({
  baseUrl: `http://127.0.0.1:${config.DAPR_HTTP_PORT}`,
  apiToken: config.DAPR_API_TOKEN,
  timeoutMs: 60_000,
});
const db = sidecar.sql(config.binding);
if (!(await sidecar.healthy())) {
  progress(
    `no healthy Dapr sidecar on 127.0.0.1:${config.DAPR_HTTP_PORT} (DAPR_HTTP_PORT); see docs/migration.md`,
  );
  process.exit(2);
}

const size = (await stat(config.dump)).size;
let shown = -1;
const contents = await readDump(
  createInterface({ input: createReadStream(config.dump), crlfDelay: Infinity }),
  {
    zone: config.zone,
    now: clock.now(),
    onProgress: (bytes) => {
      const percent = Math.floor((100 * bytes) / Math.max(size, 1) / 10) * 10;
      if (percent !== shown) progress(`reading ${config.dump}: ${percent}%`);
      shown = percent;
    },
  },
);
progress(
  `read ${contents.read.exchange_rate_history} history rows, ${contents.read.daily_exchange_rates} daily rows`,
);

// A dry run writes nothing, schema included: it needs a database the services have migrated.
if (!config["dry-run"]) await applyMigrations(db, log, clock.now());
const summary = await runImport(
  {
    target: sqlTargetStore(db),
    history: sqlRateHistoryStore(db),
    analysis: sqlAnalysisStore(db),
    clock,
    progress,
  },
  { batchSize: config["batch-size"], dryRun: config["dry-run"] },
  contents,
  startedAt,
);
console.log(config.json ? JSON.stringify(summary) : formatSummary(summary));
if (summary.dailyStats.mismatched > 0 && !config["dry-run"]) {
  progress("daily_stats still differ from exchange_rates on some days (a concurrent writer?): run again");
}
// A day still differing after a real run means something wrote concurrently: worth a second run.
process.exit(config["dry-run"] || summary.dailyStats.mismatched === 0 ? 0 : 1);
