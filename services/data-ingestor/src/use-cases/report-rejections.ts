import type { Logger } from "@trip/shared";
import type { RejectedQuote } from "../domain/clean-quotes.ts";
import type { IngestMetrics } from "./ports.ts";

/** Every rejected quote is logged (a jump beyond the band is worth a human look) and counted by reason. */
export const reportRejections = (
  rejected: readonly RejectedQuote[],
  log: Logger,
  metrics: IngestMetrics,
  observedAt: Date,
): void => {
  const byReason = new Map<string, number>();
  for (const r of rejected) {
    log.warn("rate rejected by cleaning", {
      provider_code: r.providerCode,
      reason: r.reason,
      detail: r.detail,
      observed_at: observedAt.toISOString(),
    });
    byReason.set(r.reason, (byReason.get(r.reason) ?? 0) + 1);
  }
  for (const [reason, count] of byReason) metrics.ratesRejected(reason, count);
};
