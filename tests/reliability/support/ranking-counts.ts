/** Exact per-country counts of today's (KST) ranking, read through the ranking API after a recomputation. */
import { waitFor } from "../../support/stack.ts";
import { bearer, getJson, postJson } from "./client.ts";
import { STACK, tokens } from "./stack-env.ts";

/** POST /api/v1/rankings/admin/recompute until this call itself recomputed (not `busy`). */
export const recomputeRankings = async (rankingUrl = STACK.ranking): Promise<void> => {
  await waitFor(
    "a ranking recomputation",
    async () => {
      const answer = await postJson(
        `${rankingUrl}/api/v1/rankings/admin/recompute`,
        {},
        bearer(tokens().admin),
      );
      if (answer.status !== 200 && answer.status !== 503 && answer.status !== 0)
        throw new Error(`recompute answered ${answer.status}: ${answer.text.slice(0, 200)}`);
      return answer.status === 200 && answer.json?.data?.outcome === "recomputed";
    },
    { timeoutMs: 90_000, intervalMs: 1000 },
  );
};

export interface DailyCounts {
  date: string;
  total: number;
  byCountry: Map<string, number>;
}

/** Every page of `GET /api/v1/rankings?period=daily`. */
export const dailyCounts = async (rankingUrl = STACK.ranking): Promise<DailyCounts> => {
  const byCountry = new Map<string, number>();
  let total = 0;
  let date = "";
  for (let offset = 0; ; offset += 50) {
    const answer = await getJson(`${rankingUrl}/api/v1/rankings?period=daily&limit=50&offset=${offset}`);
    if (answer.status !== 200)
      throw new Error(`rankings answered ${answer.status}: ${answer.text.slice(0, 200)}`);
    const data = answer.json.data;
    total = data.total_selections;
    date = data.date_range.to;
    for (const row of data.ranking as Array<{ country_code: string; score: number }>)
      byCountry.set(row.country_code, row.score);
    if (!data.pagination.has_next) break;
  }
  return { date, total, byCountry };
};

/** Recompute, then read: the counts include every selection accepted before this call. */
export const exactDailyCounts = async (rankingUrl = STACK.ranking): Promise<DailyCounts> => {
  await recomputeRankings(rankingUrl);
  return dailyCounts(rankingUrl);
};

/** How many selections each country gained between two readings of the same KST day. */
export const countDelta = (before: DailyCounts, after: DailyCounts): Map<string, number> => {
  if (before.date !== after.date) throw new Error(`the KST day changed (${before.date} → ${after.date})`);
  const delta = new Map<string, number>();
  for (const [code, n] of after.byCountry) {
    const gained = n - (before.byCountry.get(code) ?? 0);
    if (gained !== 0) delta.set(code, gained);
  }
  return delta;
};
