/**
 * Benchmark 2's measurement against one ranking-service replica, wherever it runs: `rate × seconds`
 * selections at a fixed `rate` from 64 connections over 40 countries, each with its own selection_id,
 * then one recomputation, and the replica's daily total beside the number of 201 answers. The replica must
 * be a private one whose stores start empty (its daily total is then exactly what this load added).
 */
import { COUNTRIES, HOME_COUNTRY_CODE } from "@trip/shared";
import { type LoadResult, runLoad } from "./load.ts";

export interface SelectionsTarget {
  /** The replica's origin, e.g. http://127.0.0.1:18600. */
  url: string;
  /** Recomputes the replica's snapshots now (the admin route), so the daily total is exact. */
  recompute: () => Promise<void>;
}

export interface SelectionsOutcome {
  load: LoadResult;
  accepted: number;
  counted: number;
  errors: number;
  countries: number;
}

export const BENCH_COUNTRIES = COUNTRIES.filter((c) => c.code !== HOME_COUNTRY_CODE)
  .slice(0, 40)
  .map((c) => c.code);

export const loadSelections = async (
  target: SelectionsTarget,
  { seconds, rate, idPrefix }: { seconds: number; rate: number; idPrefix: string },
): Promise<SelectionsOutcome> => {
  const load = await runLoad({
    url: `${target.url}/api/v1/rankings/selections`,
    method: "POST",
    headers: { "content-type": "application/json" },
    bodies: BENCH_COUNTRIES.map((country_code) => ({ country_code, selection_id: `${idPrefix}-{{n}}` })),
    connections: 64,
    amount: rate * seconds,
    overallRate: rate,
  });
  await target.recompute();
  const res = await fetch(`${target.url}/api/v1/rankings?period=daily&limit=50`);
  const body = (await res.json()) as { data: { total_selections: number; ranking: unknown[] } };
  return {
    load,
    accepted: load.statuses["2xx"] ?? 0,
    counted: body.data.total_selections,
    errors: load.errors + load.timeouts + load.non2xx,
    countries: body.data.ranking.length,
  };
};
