import { type Counter, CRON_BINDINGS, type Logger } from "@trip/shared";
import {
  type RecomputeDeps,
  type RecomputeOutcome,
  recomputeOnTick,
} from "../use-cases/recompute-rankings.ts";
import type { RolloverOutcome } from "../use-cases/rollover.ts";

export interface RankingCronDeps {
  recompute: RecomputeDeps;
  rollover: (trigger: string) => Promise<RolloverOutcome>;
  /** Recomputes now (unless one is running), counted under `trigger`. */
  recomputeFor: (trigger: "midnight") => Promise<RecomputeOutcome>;
  log: Logger;
  metrics: { cronTicks: Counter; recomputations: Counter; recomputeSkipped: Counter };
}

/** `cron-ranking` recomputes the snapshots each minute; `cron-midnight-kst` archives the day that ended. */
export const rankingCrons = ({ recompute, rollover, recomputeFor, log, metrics: m }: RankingCronDeps) => ({
  [CRON_BINDINGS.ranking]: async () => {
    m.cronTicks.inc({ binding: CRON_BINDINGS.ranking });
    const outcome = await recomputeOnTick(recompute);
    if (outcome === "recomputed") m.recomputations.inc({ trigger: "tick" });
    else m.recomputeSkipped.inc({ reason: outcome });
    log.info("cron tick", { binding: CRON_BINDINGS.ranking, outcome });
  },
  [CRON_BINDINGS.midnightKst]: async () => {
    m.cronTicks.inc({ binding: CRON_BINDINGS.midnightKst });
    const result = await rollover("midnight");
    log.info("cron tick", { binding: CRON_BINDINGS.midnightKst, ...result });
    // The new day's snapshots now, rather than at the next minute tick (skipped when one is running).
    if (result.outcome === "done" && result.archived.length > 0) await recomputeFor("midnight");
  },
});
