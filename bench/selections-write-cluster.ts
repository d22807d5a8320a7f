/**
 * Benchmark 2 through the cluster: the same fixed-rate load (benchmark 2's: `rate` req/s, `rate × seconds`
 * selections over 40 countries, 64 connections) against the local private replica (its own daprd, a
 * private Redis database) and against the trip-bench replica in the cluster (the release's image,
 * resources, limits and sidecar; a private database of the release's Redis; NodePort 30010). The pod's CPU
 * limits cap what it can take, so the figures are the achieved rate, p50/p99, errors, counted vs accepted.
 */
import { recomputeNow } from "../tests/ranking/support/clients.ts";
import { type Check, type Comparison, compared } from "./lib/comparison.ts";
import { keyCount, scanKeys } from "./lib/release-redis.ts";
import { loadSelections, type SelectionsOutcome } from "./lib/selections-load.ts";
import { BENCH_REDIS_DB, startBenchReplica } from "./lib/trip-bench.ts";
import { BENCH_RATE_LIMITS, withLocalReplica } from "./selections-write.ts";

const achieved = (o: SelectionsOutcome) => o.load.requests_total / o.load.duration_s;

export const selectionsWriteThroughCluster = async ({
  seconds = 30,
  rate = 2000,
} = {}): Promise<{
  comparison: Comparison;
  checks: Check[];
}> => {
  const env = { ...BENCH_RATE_LIMITS, LOG_LEVEL: "warn" };
  const run = Date.now().toString(36);
  const clusterPrefix = `bench-cluster-${run}`;
  const bench = await startBenchReplica(env);
  let outcomes: { local: SelectionsOutcome; cluster: SelectionsOutcome };
  try {
    outcomes = await withLocalReplica(async (replica) => {
      const local = await loadSelections(
        {
          url: replica.url,
          recompute: async () => {
            await recomputeNow(replica);
          },
        },
        { seconds, rate, idPrefix: `bench-local-${run}` },
      );
      const cluster = await loadSelections(
        { url: bench.url, recompute: bench.recompute },
        { seconds, rate, idPrefix: clusterPrefix },
      );
      return { local, cluster };
    });
  } finally {
    bench.stop();
  }
  const { local, cluster } = outcomes;
  const leaked = scanKeys(0, `*${clusterPrefix}*`).length;
  const leftInPrivateDb = keyCount(BENCH_REDIS_DB);
  return {
    comparison: {
      name: "selections write",
      figures: [
        { figure: "requests", local: local.load.requests_total, cluster: cluster.load.requests_total },
        compared("achieved req/s (requests / duration)", achieved(local), achieved(cluster), 0),
        compared("p50 ms", local.load.latency_ms.p50, cluster.load.latency_ms.p50),
        compared("p99 ms", local.load.latency_ms.p99, cluster.load.latency_ms.p99),
        { figure: "errors (connection, timeout, non-2xx)", local: local.errors, cluster: cluster.errors },
        { figure: "accepted (201)", local: local.accepted, cluster: cluster.accepted },
        { figure: "counted", local: local.counted, cluster: cluster.counted },
        { figure: "countries ranked", local: local.countries, cluster: cluster.countries },
      ],
      notes: `offered ${rate} req/s, ${rate * seconds} selections per side; local first, then the cluster; cluster image ${bench.image}`,
    },
    checks: [
      {
        name: "selections: counted = accepted",
        passed: local.counted === local.accepted && cluster.counted === cluster.accepted,
        detail: `local ${local.counted}/${local.accepted}, cluster ${cluster.counted}/${cluster.accepted}`,
      },
      {
        name: "no selection of the run in the release's Redis database 0",
        passed: leaked === 0,
        detail: `${leaked} key(s) matching *${clusterPrefix}*`,
      },
      {
        name: "trip-bench removed, its Redis database emptied",
        passed: leftInPrivateDb === 0,
        detail: `database ${BENCH_REDIS_DB}: ${leftInPrivateDb} key(s) left`,
      },
    ],
  };
};
