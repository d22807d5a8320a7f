import type { Bar } from "./bars.ts";
import { correlationMatrix } from "./correlation.ts";
import { tidyOrNull } from "./numbers.ts";
import type { Period } from "./periods.ts";
import { percentChange, volatilityPercent } from "./statistics.ts";

export interface ComparedCurrency {
  currency: string;
  current_rate: number | null;
  period_change_percent: number | null;
  volatility: number | null;
  performance_rank: number | null;
}

export interface CompareData {
  base: string;
  period: Period;
  comparison_date: string;
  currencies: ComparedCurrency[];
  correlation_matrix: Record<string, number | null>;
  portfolio_analysis: {
    best_performer: string | null;
    worst_performer: string | null;
    most_volatile: string | null;
    least_volatile: string | null;
  };
}

/**
 * Competition ranks, highest value first (1, 2, 2, 4); a missing value has no rank.
 * @example performanceRanks([1.5, null, 3, 1.5]) // [2, null, 1, 2]
 */
export const performanceRanks = (values: readonly (number | null)[]): (number | null)[] =>
  values.map((v) => (v === null ? null : 1 + values.filter((o) => o !== null && o > v).length));

/** The currency with the extreme value (first one given wins a tie); null when none has a value. */
const extreme = (
  rows: readonly ComparedCurrency[],
  pick: (c: ComparedCurrency) => number | null,
  sign: 1 | -1,
) => {
  let best: ComparedCurrency | null = null;
  for (const row of rows) {
    const v = pick(row);
    if (v === null) continue;
    const current = best === null ? null : pick(best);
    if (current === null || sign * v > sign * current) best = row;
  }
  return best?.currency ?? null;
};

/**
 * Compares currencies over one period, each priced in the base. Change is first open → last close of the
 * period's bars; volatility is that of their returns; the rank orders by change (1 = best).
 */
export const compareReport = (query: {
  base: string;
  period: Period;
  now: Date;
  series: ReadonlyArray<readonly [string, readonly Bar[]]>;
}): CompareData => {
  const changes = query.series.map(([, bars]) =>
    percentChange(bars[0]?.open ?? null, bars.at(-1)?.close ?? null),
  );
  const ranks = performanceRanks(changes);
  const currencies = query.series.map(([currency, bars], i) => ({
    currency,
    current_rate: tidyOrNull(bars.at(-1)?.close ?? null),
    period_change_percent: tidyOrNull(changes[i] ?? null),
    volatility: tidyOrNull(volatilityPercent(bars.map((b) => b.close))),
    performance_rank: ranks[i] ?? null,
  }));
  const matrix = correlationMatrix(query.series);
  return {
    base: query.base,
    period: query.period,
    comparison_date: query.now.toISOString(),
    currencies,
    correlation_matrix: Object.fromEntries(Object.entries(matrix).map(([k, v]) => [k, tidyOrNull(v)])),
    portfolio_analysis: {
      best_performer: extreme(currencies, (c) => c.period_change_percent, 1),
      worst_performer: extreme(currencies, (c) => c.period_change_percent, -1),
      most_volatile: extreme(currencies, (c) => c.volatility, 1),
      least_volatile: extreme(currencies, (c) => c.volatility, -1),
    },
  };
};
