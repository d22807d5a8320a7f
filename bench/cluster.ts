/**
 * Benchmarks 1 (rates read) and 2 (selections write) through the local Kubernetes cluster, each beside
 * the local stack in the same run, reported as cluster/local ratios. Rates are read twice: from
 * currency-service itself, and through the web gateway (web's daprd → currency-service's, over mTLS).
 * Needs the local stack (`bash scripts/up.sh`) and the release installed in the cluster
 * (`deploy/local-cluster/install.sh`).
 *   bun bench/cluster.ts                     both
 *   bun bench/cluster.ts rates-read          one (or selections-write)
 * BENCH_ROUNDS (3) and BENCH_SECONDS (10) shape the read benchmark; BENCH_SELECTIONS_RATE (2000) and
 * BENCH_SELECTIONS_SECONDS (30) the write one; BENCH_REDIS_DB (15) is trip-bench's private database.
 * Nothing users see may change: the local stack's user data is compared as bench/run-all.ts does, and
 * the release's settled ranking records (database 0 of its Redis) before and after. Prints JSON and
 * tables, writes .run/bench/cluster.json; exits 1 when a check fails.
 */
import { mkdirSync, realpathSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { appUrl, kubectlJson, NAMESPACE, podsOf } from "../tests/cluster/support/cluster.ts";
import {
  countRecords,
  describeDifferences,
  type UserDataDifference,
} from "../tests/support/user-data/compare.ts";
import { changedUserData, takeUserDataSnapshot } from "../tests/support/user-data/snapshot.ts";
import { type Check, type Comparison, printTables } from "./lib/comparison.ts";
import { changedReleaseRankings, takeReleaseRankingSnapshot } from "./lib/release-redis.ts";
import { pidListeningOn, REPO, runningProfile, URLS } from "./lib/stack.ts";
import { removeTripBench } from "./lib/trip-bench.ts";
import { ratesReadThroughCluster } from "./rates-read-cluster.ts";
import { selectionsWriteThroughCluster } from "./selections-write-cluster.ts";

const env = process.env;
const KNOWN = ["rates-read", "selections-write"];
const chosen = process.argv.slice(2);
const names = chosen.length > 0 ? chosen : KNOWN;
const unknown = names.filter((name) => !KNOWN.includes(name));
if (unknown.length > 0)
  throw new Error(`unknown benchmark ${unknown.join(", ")}; known: ${KNOWN.join(", ")}`);

const ready = async (url: string) => (await fetch(url).catch(() => undefined))?.status === 200;
if (!(await ready(`${URLS.currency}/ready`)) || !(await ready(`${URLS.ranking}/ready`))) {
  throw new Error("the local stack is not running: bash scripts/up.sh");
}
/** The clone the stack on 127.0.0.1:8001 runs from (a rehearsal or CI reproduction may hold the ports). */
const stackDir = (): string => {
  const pid = pidListeningOn(8001);
  return pid === undefined ? "(none)" : realpathSync(`/proc/${pid}/cwd`).replace(/\/services\/currency$/, "");
};
if (stackDir() !== realpathSync(REPO)) {
  throw new Error(`the stack on 127.0.0.1:8001 runs from ${stackDir()}, not this clone`);
}
const releaseImages = Object.fromEntries(
  ["currency-service", "ranking-service"].map((app) => {
    const deployment = kubectlJson(["-n", NAMESPACE, "get", "deployment", app]);
    if ((deployment.status.readyReplicas ?? 0) < 1) throw new Error(`the release's ${app} has no Ready pod`);
    return [app, deployment.spec.template.spec.containers[0].image as string];
  }),
);
if (!(await ready(`${appUrl("currency-service")}/ready`)))
  throw new Error("currency-service's NodePort does not answer");
/** What must stay the same for the figures to mean anything: the local stack's clone, the release's pods. */
const setting = () =>
  [
    stackDir(),
    ...podsOf(NAMESPACE, "app.kubernetes.io/name in (currency-service,ranking-service)").map(
      (p) => p.metadata.name,
    ),
  ]
    .sort()
    .join(" ");
const settingBefore = setting();

// An interrupted run must not leave trip-bench behind.
process.once("SIGINT", () => {
  console.error("interrupted: removing trip-bench");
  removeTripBench();
  process.exit(130);
});

console.error("… user data snapshot (local stack) and the release's ranking records");
const userData = await takeUserDataSnapshot();
const releaseRankings = takeReleaseRankingSnapshot();

const comparisons: Comparison[] = [];
const checks: Check[] = [];
for (const name of names) {
  console.error(`… ${name}, local and cluster`);
  try {
    if (name === "rates-read") {
      for (const via of ["currency-service", "gateway"] as const) {
        comparisons.push(
          await ratesReadThroughCluster({
            rounds: Number(env.BENCH_ROUNDS ?? 3),
            seconds: Number(env.BENCH_SECONDS ?? 10),
            via,
          }),
        );
      }
    } else {
      const result = await selectionsWriteThroughCluster({
        rate: Number(env.BENCH_SELECTIONS_RATE ?? 2000),
        seconds: Number(env.BENCH_SELECTIONS_SECONDS ?? 30),
      });
      comparisons.push(result.comparison);
      checks.push(...result.checks);
    }
  } catch (err) {
    checks.push({ name, passed: false, detail: String(err).replaceAll("\n", " ") });
  }
}

/** A check that could not be made is a failed check, and the report is still printed. */
const check = (name: string, run: () => { passed: boolean; detail: string }): void => {
  try {
    checks.push({ name, ...run() });
  } catch (err) {
    checks.push({ name, passed: false, detail: `could not check: ${String(err).replaceAll("\n", " ")}` });
  }
};
const settingAfter = setting();
check("same local stack and release pods throughout (else rerun)", () => ({
  passed: settingAfter === settingBefore,
  detail: settingAfter === settingBefore ? settingBefore : `before: ${settingBefore}; after: ${settingAfter}`,
}));
let changed: UserDataDifference[] = [];
check("local user data unchanged", () => {
  changed = changedUserData(userData);
  return { passed: changed.length === 0, detail: `${countRecords(userData)}; changed ${changed.length}` };
});
let releaseChanged: UserDataDifference[] = [];
check("release's settled ranking records unchanged (Redis db 0)", () => {
  const release = changedReleaseRankings(releaseRankings);
  releaseChanged = release.differences;
  return {
    passed: releaseChanged.length === 0,
    detail: `${Object.keys(releaseRankings.records).length} records compared (days before ${releaseRankings.liveDay}); keys ${releaseRankings.keys} → ${release.keysAfter}`,
  };
});

const commit = Bun.spawnSync(["git", "-C", REPO, "describe", "--always", "--dirty"]).stdout.toString().trim();
const report = {
  measured_at: new Date().toISOString(),
  commit,
  profile: runningProfile(),
  machine: { cpus: navigator.hardwareConcurrency, bun: Bun.version },
  cluster: { release_images: releaseImages },
  comparisons,
  checks,
};
mkdirSync(join(REPO, ".run", "bench"), { recursive: true });
writeFileSync(join(REPO, ".run", "bench", "cluster.json"), JSON.stringify(report, null, 2));
console.log(JSON.stringify(report, null, 2));
printTables(comparisons, checks);
for (const [what, differences] of [
  ["the local stack", changed],
  ["the release", releaseChanged],
] as const) {
  if (differences.length > 0) {
    console.error(`\nBENCHMARKS CHANGED WHAT USERS SEE on ${what}:\n${describeDifferences(differences)}`);
  }
}
if (checks.some((check) => !check.passed)) process.exitCode = 1;
