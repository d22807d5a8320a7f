import { CRON_BINDINGS, type MetricsRegistry } from "@trip/shared";
import type { AnalysisResult } from "../use-cases/analysis-job.ts";
import type { RunTrigger } from "../use-cases/ports.ts";

/** The cron bindings that run the daily_stats job: hourly, and right after KST midnight. */
export const analysisCrons = (
  metrics: MetricsRegistry,
  runAnalysis: (trigger: RunTrigger) => Promise<AnalysisResult>,
) => {
  const cronTicks = metrics.counter("cron_ticks_total", "Cron binding ticks received from the sidecar");
  const cron = (binding: string, trigger: RunTrigger) => async () => {
    cronTicks.inc({ binding });
    return runAnalysis(trigger);
  };
  return {
    [CRON_BINDINGS.analysis]: cron(CRON_BINDINGS.analysis, "hourly"),
    // Closes the finished KST day right after midnight instead of up to an hour later.
    [CRON_BINDINGS.midnightKst]: cron(CRON_BINDINGS.midnightKst, "midnight"),
  };
};
