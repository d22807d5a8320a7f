import { type Movement, movementOf } from "./movement.ts";
import { percentagesOf } from "./percentages.ts";

/** Selection counts by country code. */
export type Counts = Readonly<Record<string, number>>;

export interface RankedCountry {
  rank: number;
  country_code: string;
  score: number;
}

export interface RankingEntry extends RankedCountry, Movement {
  percentage: number;
}

/**
 * Countries with at least one selection, highest score first. Equal scores share a rank (competition
 * ranking: 1, 2, 2, 4) and are listed by country code, so the order never depends on input order.
 */
export const rankCounts = (counts: Counts): RankedCountry[] => {
  const sorted = Object.entries(counts)
    .filter(([, score]) => score > 0)
    .sort(([codeA, a], [codeB, b]) => b - a || (codeA < codeB ? -1 : codeA > codeB ? 1 : 0));
  const ranked: RankedCountry[] = [];
  sorted.forEach(([country_code, score], index) => {
    const previous = ranked[index - 1];
    const rank = previous && previous.score === score ? previous.rank : index + 1;
    ranked.push({ rank, country_code, score });
  });
  return ranked;
};

/** The full ranking of a period: ranks, shares of the total, and movement against the previous period. */
export const buildRanking = (current: Counts, previous: Counts): RankingEntry[] => {
  const ranked = rankCounts(current);
  const previousRanks = new Map(rankCounts(previous).map((r) => [r.country_code, r.rank]));
  const percentages = percentagesOf(ranked.map((r) => r.score));
  return ranked.map((r, index) => ({
    ...r,
    percentage: percentages[index] ?? 0,
    ...movementOf(r.rank, previousRanks.get(r.country_code)),
  }));
};

/** Adds count maps together (days of a window, shards of a day). */
export const sumCounts = (all: readonly Counts[]): Record<string, number> => {
  const total: Record<string, number> = {};
  for (const counts of all)
    for (const [code, n] of Object.entries(counts)) total[code] = (total[code] ?? 0) + n;
  return total;
};

export const totalOf = (counts: Counts): number => Object.values(counts).reduce((sum, n) => sum + n, 0);
