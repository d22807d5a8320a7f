/**
 * Real ranking-service replicas for the integration suite: each is `bun src/main.ts` behind its own daprd
 * (same app id, same components), on spare loopback ports. The components are the committed local ones,
 * rendered with every Redis-backed component (the three ranking stores, pubsub, lockstore) moved to a
 * dedicated Redis database, so the suite neither sees nor disturbs the shared stack's data and events.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { Subprocess } from "bun";
import { renderResources, repoRoot } from "../../../scripts/lib/render-resources.ts";
import { secrets, waitFor } from "../../support/stack.ts";

const env = process.env;
/** Redis database of the suite (flushed at the start of each file). */
export const TEST_REDIS_DB = Number(env.RANKING_TEST_REDIS_DB ?? 9);
const PORT_BASE = Number(env.RANKING_TEST_PORT_BASE ?? 18600);
const daprdBinary =
  env.DAPRD_BINARY ?? join(env.TRIP_CACHE ?? join(homedir(), ".cache", "trip-service"), "bin", "daprd");
const REDIS_COMPONENTS = ["rankings", "country-stats", "daily-selections", "pubsub", "lockstore"];
const COMPONENTS = [...REDIS_COMPONENTS, "cron-ranking", "cron-midnight-kst"];
const runDir = join(repoRoot, ".run", "test-ranking");

export const redisCli = async (...args: string[]): Promise<string> => {
  const cli = Bun.spawn(
    ["redis-cli", "-h", "127.0.0.1", "-p", "6380", "-n", String(TEST_REDIS_DB), ...args],
    {
      env: { ...env, REDISCLI_AUTH: secrets()["redis-password"] },
      stdout: "pipe",
      stderr: "pipe",
    },
  );
  const [out, code] = await Promise.all([new Response(cli.stdout).text(), cli.exited]);
  if (code !== 0) throw new Error(`redis-cli ${args.join(" ")}: ${await new Response(cli.stderr).text()}`);
  return out.trim();
};

const renderSuiteResources = (suite: string): string => {
  const outDir = join(runDir, suite, "resources");
  renderResources({ profile: "local", outDir, scopes: ["ranking-service"], only: COMPONENTS });
  for (const file of readdirSync(outDir).filter((f) => f.endsWith(".yaml"))) {
    const path = join(outDir, file);
    const yaml = readFileSync(path, "utf8");
    const name = /^metadata:\n {2}name: (\S+)/m.exec(yaml)?.[1] ?? "";
    if (!REDIS_COMPONENTS.includes(name)) continue;
    const moved = yaml.replace(
      /^ {2}metadata:\n/m,
      `  metadata:\n    - name: redisDB\n      value: "${TEST_REDIS_DB}"\n`,
    );
    if (moved === yaml) throw new Error(`cannot move component ${name} to the test Redis database`);
    writeFileSync(path, moved);
  }
  return outDir;
};

export interface Replica {
  id: string;
  url: string;
  sidecarUrl: string;
  /** Sum of a Prometheus series of this replica over the label sets that include `labels`. */
  metric(name: string, labels?: Record<string, string>): Promise<number>;
  /** Reads a key of a ranking store through this replica's sidecar (JSON, or undefined when absent). */
  state<T>(store: string, key: string): Promise<T | undefined>;
  stop(): Promise<void>;
}

const stopProcess = async (proc: Subprocess): Promise<void> => {
  proc.kill("SIGTERM");
  const stopped = await Promise.race([proc.exited.then(() => true), Bun.sleep(8000).then(() => false)]);
  if (!stopped) proc.kill("SIGKILL");
  await proc.exited;
};

const startReplica = async (
  suite: string,
  index: number,
  resources: string,
  extraEnv: Record<string, string>,
) => {
  const base = PORT_BASE + index * 10;
  const ports = { app: base, http: base + 1, grpc: base + 2, internal: base + 3, metrics: base + 4 };
  const tokens = {
    DAPR_API_TOKEN: secrets()["dapr-api-token"] ?? "",
    APP_API_TOKEN: secrets()["app-api-token"] ?? "",
  };
  const id = `${suite}-replica-${index + 1}`;
  const logs = join(runDir, suite, "logs");
  mkdirSync(logs, { recursive: true });
  const app = Bun.spawn([process.execPath, "src/main.ts"], {
    cwd: join(repoRoot, "services", "ranking"),
    env: {
      ...env,
      ...tokens,
      PORT: String(ports.app),
      DAPR_HTTP_PORT: String(ports.http),
      LOG_LEVEL: "warn",
      REPLICA_ID: id,
      ...extraEnv,
    },
    stdout: Bun.file(join(logs, `${id}.log`)),
    stderr: Bun.file(join(logs, `${id}.err.log`)),
  });
  const daprd = Bun.spawn(
    [
      daprdBinary,
      ...["--app-id", "ranking-service", "--app-port", String(ports.app), "--app-protocol", "http"],
      ...["--dapr-http-port", String(ports.http), "--dapr-grpc-port", String(ports.grpc)],
      ...["--dapr-internal-grpc-port", String(ports.internal), "--metrics-port", String(ports.metrics)],
      ...["--dapr-listen-addresses", "127.0.0.1", "--resources-path", resources],
      ...["--config", join(repoRoot, "dapr", "config.yaml"), "--log-level", "warn"],
      ...["--dapr-graceful-shutdown-seconds", "1"],
    ],
    {
      cwd: repoRoot,
      env: { ...env, ...tokens },
      stdout: Bun.file(join(logs, `${id}.daprd.log`)),
      stderr: "pipe",
    },
  );
  const url = `http://127.0.0.1:${ports.app}`;
  const sidecarUrl = `http://127.0.0.1:${ports.http}`;
  const metric = async (name: string, labels: Record<string, string> = {}) =>
    (await (await fetch(`${url}/metrics`)).text())
      .split("\n")
      .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
      .filter((line) => Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)))
      .reduce((sum, line) => sum + Number(line.split(" ").at(-1)), 0);
  const replica: Replica = {
    id,
    url,
    sidecarUrl,
    metric,
    async state<T>(store: string, key: string) {
      const res = await fetch(`${sidecarUrl}/v1.0/state/${store}/${encodeURIComponent(key)}`, {
        headers: { "dapr-api-token": tokens.DAPR_API_TOKEN },
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`state ${store}/${key}: ${res.status} ${text}`);
      return text === "" ? undefined : (JSON.parse(text) as T);
    },
    stop: async () => {
      await stopProcess(daprd);
      await stopProcess(app);
    },
  };
  try {
    await waitFor(
      `${id} to be ready`,
      async () => {
        if (app.exitCode !== null || daprd.exitCode !== null) throw new Error(`${id} exited; see ${logs}`);
        const ready = await fetch(`${url}/ready`).catch(() => undefined);
        return ready?.status === 200 && (await metric("ranking_startup_catchup_total")) >= 1;
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
  } catch (err) {
    await replica.stop();
    throw err;
  }
  return replica;
};

/**
 * Starts `count` replicas on a freshly flushed test database. Replicas get `TRUSTED_PROXY_HOPS=1` so a
 * test can stand in for many clients with X-Forwarded-For; the limits themselves stay the defaults.
 */
export const startReplicas = async (suite: string, count: number, extraEnv: Record<string, string> = {}) => {
  await redisCli("FLUSHDB");
  const resources = renderSuiteResources(suite);
  const started = await Promise.allSettled(
    Array.from({ length: count }, (_, i) =>
      startReplica(suite, i, resources, { TRUSTED_PROXY_HOPS: "1", ...extraEnv }),
    ),
  );
  const replicas = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const failed = started.find((s) => s.status === "rejected");
  if (failed) {
    await Promise.all(replicas.map((r) => r.stop()));
    throw (failed as PromiseRejectedResult).reason;
  }
  return replicas;
};
