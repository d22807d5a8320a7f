import type { MetricsRegistry } from "@trip/shared";

/** The service's own Prometheus series (HTTP and sidecar series come from the shared shell). */
export const rankingMetrics = (registry: MetricsRegistry) => ({
  cronTicks: registry.counter("cron_ticks_total", "Cron binding ticks received from the sidecar"),
  selections: registry.counter(
    "selections_total",
    "Selection requests by result: accepted (new), replayed (known selection_id), rate_limited",
  ),
  counted: registry.counter("selections_counted_total", "Log entries counted by the aggregator"),
  duplicates: registry.counter(
    "selection_duplicates_skipped_total",
    "Log entries skipped because their selection_id already counts through another entry",
  ),
  appendConflicts: registry.counter(
    "selection_log_append_conflicts_total",
    "Log slots lost to another writer (retried on the next slot)",
  ),
  recomputations: registry.counter(
    "ranking_recomputations_total",
    "Ranking snapshot recomputations run, by trigger (tick, admin, startup, midnight)",
  ),
  recomputeSkipped: registry.counter(
    "ranking_recompute_skipped_total",
    "cron-ranking ticks that did not recompute, by reason (already-done: another replica owns the tick; busy: the lock stayed taken)",
  ),
  rolloverRuns: registry.counter("ranking_rollover_runs_total", "Rollover runs by trigger and outcome"),
  daysArchived: registry.counter("ranking_days_archived_total", "KST days archived by this replica"),
  startupCatchUps: registry.counter(
    "ranking_startup_catchup_total",
    "Start-up catch-ups completed (missed days archived, snapshots refreshed)",
  ),
});

export type RankingMetrics = ReturnType<typeof rankingMetrics>;
