/**
 * Runs the contract's integration suites against the local cluster instead of the local stack: every URL
 * of tests/support/stack.ts pointed at the cluster (apps on their NodePorts, the FX sandbox the in-cluster
 * ingestor calls), the cluster's Secrets as the secret file, and port-forwards for what is not exposed
 * (each app's sidecar, MariaDB, Redis). Prints one line per suite and exits non-zero if any failed.
 * usage: bun tests/cluster/contract.ts [suite path ...]    (default: the suites that pass through the cluster)
 */
import { chmodSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  APP_IDS,
  type AppId,
  appPod,
  appUrl,
  DAPR_HTTP_PORT,
  type Forward,
  fxSandboxUrl,
  KUBECONFIG,
  KUBECTL,
  NAMESPACE,
  portForward,
  REPO_ROOT,
  secretValue,
} from "./support/cluster.ts";

/** The suites (or files) that speak to the apps over HTTP and pass through the cluster; see README. */
export const CLUSTER_SUITES = [
  "tests/currency",
  "tests/ranking/stack.test.ts",
  "tests/history",
  "tests/ingestion/backfill.test.ts",
  "tests/browser",
];

/**
 * Never run against the cluster: it writes the README's pictures (docs/screenshots), which must show the
 * local stack's pages. Its page checks are covered by the other browser files.
 */
const SKIPPED = new Map([
  ["tests/browser/pages-and-screenshots.test.ts", "writes docs/screenshots (the README's pictures)"],
]);

/** Suite paths, each folder as its test files (those the skip list names left out). */
const expand = (suites: string[]): string[] =>
  suites.flatMap((suite) => {
    if (suite.endsWith(".ts")) return SKIPPED.has(suite) ? [] : [suite];
    const files = readdirSync(join(REPO_ROOT, suite))
      .filter((name) => name.endsWith(".test.ts"))
      .map((name) => `${suite.replace(/\/$/, "")}/${name}`);
    if (!files.some((file) => SKIPPED.has(file))) return [suite];
    return files.filter((file) => !SKIPPED.has(file)).sort();
  });

const runDir = join(REPO_ROOT, ".run", "local-cluster");
const logDir = join(REPO_ROOT, ".run", "logs", "cluster-contract");

/** The cluster's secret values under the keys of the local secret file (.run/secrets.json). */
const writeSecretsFile = (): string => {
  const infra = (key: string) => secretValue("trip-service-secrets", key);
  const values = {
    "dapr-api-token": secretValue("trip-service-dapr-api-token", "token"),
    "app-api-token": secretValue("trip-service-app-api-token", "token"),
    "admin-token": secretValue("admin-token", "admin-token"),
    "user-hash-salt": secretValue("user-hash-salt", "user-hash-salt"),
    "redis-password": infra("redis-password"),
    "mariadb-password": infra("mariadb-password"),
    "mysql-dsn": infra("mysql-dsn"),
    "fx-api-key": infra("fx-api-key"),
  };
  mkdirSync(runDir, { recursive: true, mode: 0o700 });
  const file = join(runDir, "secrets.json");
  writeFileSync(file, JSON.stringify(values, null, 2), { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
};

/** kubectl on the release's namespace, as a shell command line. */
const kubectlCommand = `'${KUBECTL}' --kubeconfig '${KUBECONFIG}' -n ${NAMESPACE}`;

const sidecarEnv: Record<AppId, string> = {
  "currency-service": "CURRENCY_SIDECAR_URL",
  "ranking-service": "RANKING_SIDECAR_URL",
  "history-service": "HISTORY_SIDECAR_URL",
  "data-ingestor": "INGESTOR_SIDECAR_URL",
  web: "WEB_SIDECAR_URL",
};

/** The environment tests/support/stack.ts reads, pointed at the cluster; `forwards` to close afterwards. */
export const clusterEnvironment = async (): Promise<{ env: Record<string, string>; forwards: Forward[] }> => {
  const forwards: Forward[] = [];
  const env: Record<string, string> = {
    CURRENCY_URL: appUrl("currency-service"),
    RANKING_URL: appUrl("ranking-service"),
    HISTORY_URL: appUrl("history-service"),
    INGESTOR_URL: appUrl("data-ingestor"),
    WEB_URL: appUrl("web"),
    FX_SANDBOX_URL: fxSandboxUrl(),
    TRIP_SECRETS_FILE: writeSecretsFile(),
    // The cluster's pub/sub is Kafka (suites that branch on the profile read this), and its consumer
    // groups are read with the broker pod's own tool (tests/support/subscriber-caught-up.ts).
    STACK_PROFILE: "kafka",
    KAFKA_CONSUMER_GROUPS: `${kubectlCommand} exec kafka-0 -c kafka -- env KAFKA_HEAP_OPTS='-Xms32m -Xmx192m' kafka-consumer-groups.sh --bootstrap-server localhost:9092`,
    // The Redis outage of tests/currency: the cluster's Redis scaled to zero and back.
    CURRENCY_IT_REDIS_STOP: `${kubectlCommand} scale statefulset/redis --replicas=0 && ${kubectlCommand} wait --for=delete pod/redis-0 --timeout=60s`,
    CURRENCY_IT_REDIS_START: `${kubectlCommand} scale statefulset/redis --replicas=1 && ${kubectlCommand} rollout status statefulset/redis --timeout=120s`,
  };
  for (const id of APP_IDS) {
    const forward = await portForward(appPod(id).metadata.name, DAPR_HTTP_PORT);
    forwards.push(forward);
    env[sidecarEnv[id]] = forward.url;
  }
  for (const [pod, port, variable] of [
    ["mariadb-0", 3306, "MARIADB_PORT"],
    ["redis-0", 6379, "REDIS_PORT"],
  ] as const) {
    const forward = await portForward(pod, port);
    forwards.push(forward);
    env[variable] = new URL(forward.url).port;
  }
  return { env, forwards };
};

if (import.meta.main) {
  const suites = expand(process.argv.slice(2).length > 0 ? process.argv.slice(2) : CLUSTER_SUITES);
  for (const [file, why] of SKIPPED) console.log(`skipped ${file}: ${why}`);
  const { env, forwards } = await clusterEnvironment();
  mkdirSync(logDir, { recursive: true });
  console.log(`against the cluster: web ${env.WEB_URL}, FX sandbox ${env.FX_SANDBOX_URL}`);
  const results: { suite: string; code: number; summary: string; seconds: number }[] = [];
  const totals = { pass: 0, fail: 0 };
  try {
    for (const suite of suites) {
      const started = Date.now();
      const log = join(logDir, `${suite.replace(/^tests\//, "").replace(/[/.]/g, "_")}.log`);
      const proc = Bun.spawnSync([process.execPath, "test", "--timeout", "60000", `./${suite}`], {
        cwd: REPO_ROOT,
        env: { ...process.env, ...env },
        stdout: "pipe",
        stderr: "pipe",
      });
      const output = `${proc.stdout.toString()}${proc.stderr.toString()}`;
      writeFileSync(log, output);
      const count = (word: string) => output.match(new RegExp(`^\\s*(\\d+) ${word}$`, "m"))?.[1] ?? "0";
      const summary = `${count("pass")} passed, ${count("fail")} failed (log: ${log})`;
      totals.pass += Number(count("pass"));
      totals.fail += Number(count("fail"));
      results.push({ suite, code: proc.exitCode ?? 1, summary, seconds: (Date.now() - started) / 1000 });
      console.log(
        `${proc.exitCode === 0 ? "PASS" : "FAIL"}  ${suite.padEnd(42)} ${summary}  ${results.at(-1)?.seconds.toFixed(0)}s`,
      );
    }
  } finally {
    for (const forward of forwards) forward.close();
  }
  // The totals in bun test's own words, so scripts/test-all.sh counts them like any suite.
  console.log(`\n ${totals.pass} pass\n ${totals.fail} fail`);
  process.exit(results.every((result) => result.code === 0) ? 0 : 1);
}
