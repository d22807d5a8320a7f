/**
 * 2. Selections write: POST /api/v1/rankings/selections at a fixed 2,000 req/s for 30 s across 40
 * countries, each with its own selection_id, against a ranking-service replica behind its own daprd
 * (the integration suite's replica harness: same code, same components, a private Redis database, rate
 * limits raised so one load generator is not throttled). Then one recomputation, and the counted total
 * must equal the number of 201 answers.
 */
import { recomputeNow } from "../tests/ranking/support/clients.ts";
import { type Replica, startReplicas } from "../tests/ranking/support/ranking-replicas.ts";
import type { BenchResult } from "./lib/result.ts";
import { loadSelections } from "./lib/selections-load.ts";

/** What one load generator needs so the per-client limits never throttle it. */
export const BENCH_RATE_LIMITS = {
  RATE_LIMIT_PER_ADDRESS: "100000000",
  RATE_LIMIT_PER_CLIENT: "100000000",
} as const;

/** Runs `fn` with a private local ranking replica (own daprd, own Redis database), stopped afterwards. */
export const withLocalReplica = async <T>(fn: (replica: Replica) => Promise<T>): Promise<T> => {
  const [replica] = await startReplicas("bench", 1, { ...BENCH_RATE_LIMITS, LOG_LEVEL: "warn" });
  if (!replica) throw new Error("no ranking replica started");
  try {
    return await fn(replica);
  } finally {
    await replica.stop();
  }
};

export const selectionsWrite = async ({ seconds = 30, rate = 2000 } = {}): Promise<BenchResult> =>
  withLocalReplica(async (replica) => {
    const { load, accepted, counted, errors, countries } = await loadSelections(
      {
        url: replica.url,
        recompute: async () => {
          await recomputeNow(replica);
        },
      },
      { seconds, rate, idPrefix: `bench-${Date.now().toString(36)}` },
    );
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
        countries,
      },
    };
  });
