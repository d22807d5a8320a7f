import { type KstDate, kstDateOf } from "@trip/shared";
import type { Bar } from "../domain/bars.ts";
import type { RateHistoryStore } from "../use-cases/ports.ts";

export interface Sample {
  currency: string;
  rate: number;
  observedAt: Date;
}

const toBars = (samples: readonly Sample[], keyOf: (s: Sample) => string): Bar[] => {
  const groups = new Map<string, Sample[]>();
  for (const s of [...samples].sort((a, b) => a.observedAt.getTime() - b.observedAt.getTime())) {
    groups.set(keyOf(s), [...(groups.get(keyOf(s)) ?? []), s]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, group]) => {
      const rates = group.map((s) => s.rate);
      return {
        key,
        open: rates[0] as number,
        high: Math.max(...rates),
        low: Math.min(...rates),
        close: rates.at(-1) as number,
        average: rates.reduce((sum, r) => sum + r, 0) / rates.length,
        samples: rates.length,
      };
    });
};

/**
 * The RateHistoryStore port over samples in memory, with the SQL adapter's semantics (epoch-aligned
 * intraday buckets, KST-day buckets). `dailyStats` stands in for the table the hourly job maintains;
 * `failWith` makes every read throw, as an unreachable database does.
 */
export const memoryRateHistoryStore = (samples: Sample[] = [], dailyStats = new Map<string, Bar[]>()) => {
  const state = { samples, dailyStats, failWith: undefined as Error | undefined, reads: 0 };
  const inRange = (currency: string, from: Date, to: Date) =>
    state.samples.filter((s) => s.currency === currency && s.observedAt >= from && s.observedAt < to);
  const read = () => {
    state.reads++;
    if (state.failWith) throw state.failWith;
  };
  const store: RateHistoryStore = {
    async intradayBars(currency, bucketSeconds, from, to) {
      read();
      const size = bucketSeconds * 1000;
      return toBars(inRange(currency, from, to), (s) =>
        new Date(Math.floor(s.observedAt.getTime() / size) * size).toISOString(),
      );
    },
    async rawDailyBars(currency, from, to) {
      read();
      return toBars(inRange(currency, from, to), (s) => kstDateOf(s.observedAt));
    },
    async dailyStatsBars(currency, firstDate: KstDate, lastDate: KstDate) {
      read();
      return (state.dailyStats.get(currency) ?? []).filter((b) => b.key >= firstDate && b.key <= lastDate);
    },
  };
  return { store, state };
};
