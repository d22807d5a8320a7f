/**
 * Real ranking-service replicas for the integration suite: each is `bun src/main.ts` behind its own daprd
 * (same app id, same components), on spare loopback ports. The components are the committed local ones,
 * rendered with every Redis-backed component (the three ranking stores, pubsub, lockstore) moved to a
 * dedicated Redis database, so the suite neither sees nor disturbs the shared stack's data and events.
 *
 * `stateStore` swaps the three ranking stores (rankings, country-stats, daily-selections) onto another
 * Dapr state store, configured the way tests/state-stores configures it (its component templates):
 * - `mysql`: state.mysql on the local MariaDB (127.0.0.1:3307, user `trip` from .run/secrets.json) in a
 *   private schema `trip_ranking_test` (dropped and created again at the start of each file);
 * - `postgresql`: state.postgresql v2 on the PostgreSQL of tests/state-stores/servers.sh (5433, started
 *   when down and stopped again by `releaseStateStores`), in a private database `ranking_test`.
 * pubsub and lockstore stay on the test Redis database.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { Subprocess } from "bun";
import { renderResources, repoRoot } from "../../../scripts/lib/render-resources.ts";
import { renderComponent } from "../../state-stores/support/store-targets.ts";
import { privateSidecarConfig } from "../../support/private-sidecar-config.ts";
import { sentryMtls } from "../../support/sentry.ts";
import { mariadb, STACK, secrets, waitFor } from "../../support/stack.ts";

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

/** Where the three ranking stores live: the local profile's state.redis, or another Dapr state store. */
export type RankingStateStore = "redis" | "mysql" | "postgresql";
export const RANKING_STORES = ["rankings", "country-stats", "daily-selections"] as const;
const MYSQL_SCHEMA = env.RANKING_TEST_MYSQL_SCHEMA ?? "trip_ranking_test";
const POSTGRES_DATABASE = env.RANKING_TEST_POSTGRES_DATABASE ?? "ranking_test";
const POSTGRES_PORT = Number(env.POSTGRES_PORT ?? 5433);
const stateStoresDir = join(repoRoot, "tests", "state-stores");
/** Servers this process started through tests/state-stores/servers.sh (stopped by releaseStateStores). */
const startedServers = new Set<string>();

const run = (what: string, argv: string[], extraEnv: Record<string, string> = {}): string => {
  const proc = Bun.spawnSync(argv, { env: { ...env, ...extraEnv }, stdout: "pipe", stderr: "pipe" });
  if (proc.exitCode !== 0) throw new Error(`${what}: ${proc.stdout.toString()}${proc.stderr.toString()}`);
  return proc.stdout.toString().trim();
};
const servers = (command: "start" | "stop" | "status", server: string) =>
  Bun.spawnSync(["bash", join(stateStoresDir, "servers.sh"), command, server], {
    stdout: "pipe",
    stderr: "pipe",
  });

const postgresPassword = () =>
  readFileSync(join(repoRoot, ".run", "state-stores", "postgres.password"), "utf8").trim();
const psql = (database: string, sql: string): string =>
  run(
    "psql",
    ["psql", "-h", "127.0.0.1", "-p", String(POSTGRES_PORT), "-U", "postgres", "-d", database].concat([
      "-q",
      "-At",
      "-F",
      "\t",
      "-v",
      "ON_ERROR_STOP=1",
      "-c",
      sql,
    ]),
    { PGPASSWORD: postgresPassword() },
  );

/**
 * Runs SQL on the store's private schema/database (tests only: the service reaches it through daprd).
 * Tables: state.mysql `trip_ranking_test.<store>` (id, value, eTag, expiredate); state.postgresql v2
 * `<store>_state` (key, value, etag, expires_at); store names with `_` for `-`. Rows as string arrays.
 */
export const stateStoreSql = (kind: Exclude<RankingStateStore, "redis">, sql: string): string[][] => {
  if (kind === "mysql") return mariadb(sql.replaceAll("{schema}", MYSQL_SCHEMA));
  const out = psql(POSTGRES_DATABASE, sql);
  return out === "" ? [] : out.split("\n").map((line) => line.split("\t"));
};

/** Sets one metadata value of a rendered component, adding the field when the template has none. */
const withMetadata = (yaml: string, name: string, value: string): string => {
  const field = new RegExp(`(- name: ${name}\\n\\s+value: ).*`);
  if (field.test(yaml)) return yaml.replace(field, `$1${JSON.stringify(value)}`);
  return yaml.replace(
    /^ {2}metadata:\n/m,
    `  metadata:\n    - name: ${name}\n      value: ${JSON.stringify(value)}\n`,
  );
};

/**
 * Empties the store's private schema/database (starting the server when needed) and returns the YAML of
 * each ranking store on it. Keys keep the local profile's `keyPrefix: name`; each store has its own table.
 */
const prepareStateStore = (kind: Exclude<RankingStateStore, "redis">): ((store: string) => string) => {
  const template = readFileSync(join(stateStoresDir, "components", `${kind}.yaml`), "utf8");
  const table = (store: string) => store.replaceAll("-", "_");
  if (kind === "mysql") {
    const { host, port, user } = STACK.mariadb;
    // The `trip` user may create `trip_%` schemas; the component would create it too, but two sidecars
    // starting together race on CREATE DATABASE, so the schema is made here. State keys are
    // case-sensitive (`selection:Ab` is not `selection:aB`): the tables Dapr creates inherit the schema's
    // collation, so it is binary — under MariaDB's default (utf8mb4_unicode_ci) two ids differing only
    // in case would share one idempotency record and a selection would be lost.
    mariadb(
      `DROP DATABASE IF EXISTS ${MYSQL_SCHEMA}; CREATE DATABASE ${MYSQL_SCHEMA} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`,
    );
    const dsn = `${user}:${secrets()["mariadb-password"]}@tcp(${host}:${port})/?allowNativePasswords=true`;
    return (store) => {
      let yaml = renderComponent(template, {
        MYSQL_CONNECTION_STRING: dsn,
        STORE_NAME: store,
        APP_ID: "ranking-service",
      });
      yaml = withMetadata(yaml, "schemaName", MYSQL_SCHEMA);
      yaml = withMetadata(yaml, "tableName", table(store));
      return withMetadata(yaml, "keyPrefix", "name");
    };
  }
  if (!servers("status", "postgres").success) {
    const started = servers("start", "postgres");
    if (!started.success)
      throw new Error(
        `could not start PostgreSQL (tests/state-stores/setup.sh installs it): ${started.stderr}`,
      );
    startedServers.add("postgres");
  }
  const password = postgresPassword();
  psql("postgres", `DROP DATABASE IF EXISTS ${POSTGRES_DATABASE} WITH (FORCE)`);
  psql("postgres", `CREATE DATABASE ${POSTGRES_DATABASE}`);
  const dsn = `host=127.0.0.1 port=${POSTGRES_PORT} user=postgres password=${password} dbname=${POSTGRES_DATABASE}`;
  return (store) => {
    let yaml = renderComponent(template, {
      POSTGRESQL_CONNECTION_STRING: dsn,
      STORE_NAME: store,
      APP_ID: "ranking-service",
    });
    yaml = withMetadata(yaml, "tablePrefix", `${table(store)}_`);
    return withMetadata(yaml, "keyPrefix", "name");
  };
};

/** Stops the servers that startReplicas started (PostgreSQL when it was down); call after the replicas. */
export const releaseStateStores = (): void => {
  for (const server of startedServers) {
    const stopped = servers("stop", server);
    if (!stopped.success) console.warn(`[ranking] stopping ${server}: ${stopped.stderr}`);
    startedServers.delete(server);
  }
};

const renderSuiteResources = (suite: string, stateStore: RankingStateStore): string => {
  const outDir = join(runDir, suite, "resources");
  renderResources({ profile: "local", outDir, scopes: ["ranking-service"], only: COMPONENTS });
  const onStore = stateStore === "redis" ? undefined : prepareStateStore(stateStore);
  for (const file of readdirSync(outDir).filter((f) => f.endsWith(".yaml"))) {
    const path = join(outDir, file);
    const yaml = readFileSync(path, "utf8");
    const name = /^metadata:\n {2}name: (\S+)/m.exec(yaml)?.[1] ?? "";
    if (onStore && (RANKING_STORES as readonly string[]).includes(name)) {
      writeFileSync(path, onStore(name), { mode: 0o600 });
      continue;
    }
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
      ...["--config", privateSidecarConfig(join(runDir, suite)), "--log-level", "warn"],
      ...["--dapr-graceful-shutdown-seconds", "1"],
      ...sentryMtls().args,
    ],
    {
      cwd: repoRoot,
      env: { ...env, ...tokens, ...sentryMtls().env },
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
 * Starts `count` replicas on a freshly flushed test database (and, with `stateStore`, freshly emptied
 * ranking stores on that store). Replicas get `TRUSTED_PROXY_HOPS=1` so a
 * test can stand in for many clients with X-Forwarded-For; the limits themselves stay the defaults.
 */
export const startReplicas = async (
  suite: string,
  count: number,
  extraEnv: Record<string, string> = {},
  { stateStore = "redis" }: { stateStore?: RankingStateStore } = {},
) => {
  await redisCli("FLUSHDB");
  const resources = renderSuiteResources(suite, stateStore);
  const start = (i: number) => startReplica(suite, i, resources, { TRUSTED_PROXY_HOPS: "1", ...extraEnv });
  // On an SQL store the first sidecar creates the store's tables alone: PostgreSQL's CREATE TABLE IF NOT
  // EXISTS fails (42710, the table's type "already exists") when two sidecars run it at the same moment.
  const first = stateStore === "redis" ? [] : await Promise.allSettled([start(0)]);
  const started = [
    ...first,
    ...(await Promise.allSettled(
      Array.from({ length: count - first.length }, (_, i) => start(first.length + i)),
    )),
  ];
  const replicas = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const failed = started.find((s) => s.status === "rejected");
  if (failed) {
    await Promise.all(replicas.map((r) => r.stop()));
    throw (failed as PromiseRejectedResult).reason;
  }
  return replicas;
};
