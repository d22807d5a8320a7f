/**
 * 2. Selections write: POST /api/v1/rankings/selections at a fixed 2,000 req/s for 30 s across 40
 * countries, each with its own selection_id, against a ranking-service replica behind its own daprd
 * (the integration suite's replica harness: same code, same components, a private Redis database, rate
 * limits raised so one load generator is not throttled). Then one recomputation, and the counted total
 * must equal the number of 201 answers.
 */
import { COUNTRIES, HOME_COUNTRY_CODE } from "@trip/shared";
import { recomputeNow } from "../tests/ranking/support/clients.ts";
import { startReplicas } from "../tests/ranking/support/ranking-replicas.ts";
import { runLoad } from "./lib/load.ts";
import type { BenchResult } from "./lib/result.ts";

export const selectionsWrite = async ({ seconds = 30, rate = 2000 } = {}): Promise<BenchResult> => {
  const countries = COUNTRIES.filter((c) => c.code !== HOME_COUNTRY_CODE)
    .slice(0, 40)
    .map((c) => c.code);
  const [replica] = await startReplicas("bench", 1, {
    RATE_LIMIT_PER_ADDRESS: "100000000",
    RATE_LIMIT_PER_CLIENT: "100000000",
    LOG_LEVEL: "warn",
  });
  if (!replica) throw new Error("no ranking replica started");
  try {
    const run = Date.now().toString(36);
    const load = await runLoad({
      url: `${replica.url}/api/v1/rankings/selections`,
      method: "POST",
      headers: { "content-type": "application/json" },
      bodies: countries.map((country_code) => ({ country_code, selection_id: `bench-${run}-{{n}}` })),
      connections: 64,
      amount: rate * seconds,
      overallRate: rate,
    });
    await recomputeNow(replica);
    const res = await fetch(`${replica.url}/api/v1/rankings?period=daily&limit=50`);
    const body = (await res.json()) as { data: { total_selections: number; ranking: unknown[] } };
    const accepted = load.statuses["2xx"] ?? 0;
    const counted = body.data.total_selections;
    const errors = load.errors + load.timeouts + load.non2xx;
    return {
      name: "selections write",
      target: "p99 ≤ 50 ms at 2,000 req/s for 30 s, zero errors, counted = accepted",
      met: load.latency_ms.p99 <= 50 && errors === 0 && counted === accepted,
      figures: {
        requests: load.requests_total,
        accepted_201: accepted,
        counted,
        lost_or_extra: counted - accepted,
        errors,
        achieved_rps: Math.round(load.rps_mean),
        p50_ms: load.latency_ms.p50,
        p99_ms: load.latency_ms.p99,
        countries: body.data.ranking.length,
      },
    };
  } finally {
    await replica.stop();
  }
};
