import type { KstDate } from "@trip/shared";
import { type Counts, sumCounts } from "./ranking.ts";

/**
 * `tally:{date}:{shard}`: what the aggregator has counted of one shard's log — every slot before
 * `next_slot`. Counts and cursor live in one document, so they always move together.
 */
export interface Tally {
  date: KstDate;
  shard: number;
  next_slot: number;
  sealed: boolean;
  counts: Record<string, number>;
}

export const emptyTally = (date: KstDate, shard: number): Tally => ({
  date,
  shard,
  next_slot: 0,
  sealed: false,
  counts: {},
});

/** The tally after counting `countries` (one code per counted entry) and reading up to `nextSlot`. */
export const advanceTally = (
  tally: Tally,
  countries: readonly string[],
  nextSlot: number,
  sealed: boolean,
): Tally => {
  const counts = { ...tally.counts };
  for (const code of countries) counts[code] = (counts[code] ?? 0) + 1;
  return { ...tally, counts, next_slot: nextSlot, sealed: tally.sealed || sealed };
};

/** A day's counts: the sum of its shards' tallies. */
export const countsOfTallies = (tallies: readonly Tally[]): Counts => sumCounts(tallies.map((t) => t.counts));
