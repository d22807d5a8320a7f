/**
 * A private ranking-service replica in the local cluster for the selections benchmark: the namespace
 * `trip-bench` (trip-bench-objects.ts) with one pod of the release's image, resources and sidecar, its
 * stores in a private database of the release's Redis, its events on Redis Streams in that database. Made
 * by `startBenchReplica` and removed by `stop()` (or `removeTripBench` after an interrupted run): the
 * namespace is deleted, then the private database emptied. The release itself is only read.
 */
import { kubectl, kubectlJson, nodeIp, waitFor } from "../../tests/cluster/support/cluster.ts";
import { keyCount, releaseRedisCli } from "./release-redis.ts";
import {
  BENCH_NAMESPACE,
  BENCH_NODE_PORT,
  copiedObjects,
  releaseRedisHost,
  staticManifest,
} from "./trip-bench-objects.ts";

/** The private Redis database (`BENCH_REDIS_DB`); the release's stores are in database 0. */
export const BENCH_REDIS_DB = Number(process.env.BENCH_REDIS_DB ?? 15);
/** Set in the private database while the benchmark owns it: a database holding keys without it is not ours. */
const OWNER_KEY = "trip-bench:owner";

export interface BenchReplica {
  url: string;
  image: string;
  recompute: () => Promise<void>;
  stop: () => void;
}

const namespaceExists = () =>
  kubectl(["get", "namespace", BENCH_NAMESPACE, "--ignore-not-found", "-o", "name"]).stdout.trim() !== "";

/** Empties the private database, refusing one that holds keys this benchmark did not write. */
const emptyPrivateDb = () => {
  if (BENCH_REDIS_DB === 0) throw new Error("BENCH_REDIS_DB must not be the release's database 0");
  if (keyCount(BENCH_REDIS_DB) > 0 && releaseRedisCli(BENCH_REDIS_DB, ["EXISTS", OWNER_KEY]).trim() !== "1") {
    throw new Error(
      `Redis database ${BENCH_REDIS_DB} of the release holds keys the benchmark did not write; set BENCH_REDIS_DB`,
    );
  }
  releaseRedisCli(BENCH_REDIS_DB, ["FLUSHDB"]);
};

/** Deletes trip-bench (waiting until its pod is gone, so nothing writes any more), then empties its database. */
export const removeTripBench = (): void => {
  if (namespaceExists()) {
    kubectl(["delete", "namespace", BENCH_NAMESPACE, "--wait=true", "--timeout=180s"]);
  }
  emptyPrivateDb();
};

const recomputer = (url: string, adminToken: string) => async () => {
  await waitFor(
    "the trip-bench replica to recompute",
    async () => {
      const res = await fetch(`${url}/api/v1/rankings/admin/recompute`, {
        method: "POST",
        headers: { authorization: `Bearer ${adminToken}` },
      });
      return ((await res.json()) as { data?: { outcome?: string } }).data?.outcome === "recomputed";
    },
    { timeoutMs: 60_000, intervalMs: 500 },
  );
};

const startupCatchUps = async (url: string): Promise<number> =>
  (await (await fetch(`${url}/metrics`)).text())
    .split("\n")
    .filter((line) => line.startsWith("ranking_startup_catchup_total"))
    .reduce((sum, line) => sum + Number(line.split(" ").at(-1)), 0);

/** Creates trip-bench with its replica (env added to the release's) and waits until it serves. */
export const startBenchReplica = async (env: Record<string, string>): Promise<BenchReplica> => {
  const redisHost = releaseRedisHost(BENCH_REDIS_DB);
  removeTripBench();
  releaseRedisCli(BENCH_REDIS_DB, ["SET", OWNER_KEY, "bench/cluster.ts"]);
  const url = `http://${nodeIp()}:${BENCH_NODE_PORT}`;
  const stop = () => removeTripBench();
  try {
    // `create`, not `apply`: the namespace is new, and apply would keep each Secret's values again in a
    // last-applied annotation.
    kubectl(["create", "-f", "-"], { stdin: staticManifest(redisHost, BENCH_REDIS_DB) });
    const { list, adminToken, image } = copiedObjects(env);
    kubectl(["create", "-f", "-"], { stdin: JSON.stringify(list) });
    kubectl(["-n", BENCH_NAMESPACE, "rollout", "status", "deployment/ranking-service", "--timeout=240s"]);
    const pod = kubectlJson(["-n", BENCH_NAMESPACE, "get", "pods"]).items[0];
    const containers = (pod?.spec.containers ?? []).map((c: { name: string }) => c.name);
    if (!containers.includes("daprd")) {
      throw new Error(`the trip-bench pod has no injected daprd (containers: ${containers.join(", ")})`);
    }
    await waitFor(
      "the trip-bench replica to be ready and caught up",
      async () => {
        const ready = await fetch(`${url}/ready`).catch(() => undefined);
        return ready?.status === 200 && (await startupCatchUps(url)) >= 1;
      },
      { timeoutMs: 120_000 },
    );
    return { url, image, recompute: recomputer(url, adminToken), stop };
  } catch (err) {
    stop();
    throw err;
  }
};
