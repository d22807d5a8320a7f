// Which state stores the contract suite runs against, how each is reached, and which it must run.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export type StoreKind = "redis" | "mysql" | "postgresql" | "mongodb";

export type ReadyStore = {
  kind: StoreKind;
  required: boolean;
  resourcesDir: string;
  /** Server that servers.sh started for this run, to be stopped afterwards. */
  startedServer: string | null;
  /** state.mongodb runs transactions only when its connection string names a replica set. */
  transactional: boolean;
};
export type MissingStore = { kind: StoreKind; required: boolean; problem: string };

export const storeKinds: StoreKind[] = ["redis", "mysql", "postgresql", "mongodb"];
export const componentName = "rankings";
export const appId = "state-contract";

const suiteDir = join(import.meta.dir, "..");
const repoRoot = join(suiteDir, "..", "..");
export const runDir = join(repoRoot, ".run", "state-stores");
const serversScript = join(suiteDir, "servers.sh");

/** REQUIRE_STORES=redis,mysql overrides the default: redis, mysql, postgresql, plus mongodb with MONGODB_URL. */
export function requiredStores(env: Record<string, string | undefined>): Set<string> {
  const explicit = env.REQUIRE_STORES?.trim();
  if (explicit !== undefined && explicit !== "") {
    return new Set(explicit.split(",").map((name) => name.trim()));
  }
  const defaults = ["redis", "mysql", "postgresql"];
  return new Set(env.MONGODB_URL ? [...defaults, "mongodb"] : defaults);
}

export function renderComponent(template: string, vars: Record<string, string>): string {
  return template.replace(/\$\{([A-Z_]+)\}/g, (_match, name: string) => {
    const value = vars[name];
    if (value === undefined) throw new Error(`component template needs \${${name}}`);
    return value;
  });
}

function servers(command: "start" | "stop" | "status", server: string): { ok: boolean; output: string } {
  const result = Bun.spawnSync(["bash", serversScript, command, server], { stdout: "pipe", stderr: "pipe" });
  return { ok: result.exitCode === 0, output: `${result.stdout}${result.stderr}`.trim() };
}

export function stopServer(server: string): void {
  const result = servers("stop", server);
  if (!result.ok) console.warn(`[state-stores] stopping ${server}: ${result.output}`);
}

function ownPassword(server: string): string {
  return readFileSync(join(runDir, `${server}.password`), "utf8").trim();
}

function ownServerAlive(server: string): boolean {
  const pidFile = join(runDir, `${server}.pid`);
  if (!existsSync(pidFile)) return false;
  return Bun.spawnSync(["kill", "-0", readFileSync(pidFile, "utf8").trim()]).exitCode === 0;
}

/** The infra Redis (scripts/infra.sh) keeps its password in .run/secrets.json. */
function infraRedisPassword(): string | undefined {
  const secretsFile = join(repoRoot, ".run", "secrets.json");
  if (!existsSync(secretsFile)) return undefined;
  const secrets = JSON.parse(readFileSync(secretsFile, "utf8")) as Record<string, string>;
  return secrets["redis-password"];
}

/** Makes sure the server answers (starting our own when it does not) and returns template values. */
function connect(
  kind: StoreKind,
  env: Record<string, string | undefined>,
): { startedServer: string | null; vars: Record<string, string> } {
  const ensure = (server: string): string | null => {
    if (servers("status", server).ok) return null;
    const started = servers("start", server);
    if (!started.ok) throw new Error(`could not start ${server}: ${started.output}`);
    return server;
  };
  switch (kind) {
    case "redis": {
      const startedServer = ensure("redis");
      const ours = startedServer !== null || ownServerAlive("redis");
      const password = ours ? ownPassword("redis") : (env.REDIS_PASSWORD ?? infraRedisPassword() ?? "");
      const host = `127.0.0.1:${env.REDIS_PORT ?? "6380"}`;
      return { startedServer, vars: { REDIS_HOST: host, REDIS_PASSWORD: password } };
    }
    case "mysql": {
      if (env.STATE_MYSQL_CONNECTION_STRING) {
        return { startedServer: null, vars: { MYSQL_CONNECTION_STRING: env.STATE_MYSQL_CONNECTION_STRING } };
      }
      const startedServer = ensure("mariadb");
      const dsn = `dapr:${ownPassword("mariadb")}@tcp(127.0.0.1:3317)/?allowNativePasswords=true`;
      return { startedServer, vars: { MYSQL_CONNECTION_STRING: dsn } };
    }
    case "postgresql": {
      if (env.STATE_POSTGRESQL_CONNECTION_STRING) {
        const dsn = env.STATE_POSTGRESQL_CONNECTION_STRING;
        return { startedServer: null, vars: { POSTGRESQL_CONNECTION_STRING: dsn } };
      }
      const startedServer = ensure("postgres");
      const dsn = `host=127.0.0.1 port=5433 user=postgres password=${ownPassword("postgres")} dbname=postgres`;
      return { startedServer, vars: { POSTGRESQL_CONNECTION_STRING: dsn } };
    }
    case "mongodb": {
      if (!env.MONGODB_URL)
        throw new Error("MONGODB_URL is not set (no MongoDB server can be installed here)");
      return { startedServer: null, vars: { MONGODB_URL: env.MONGODB_URL } };
    }
  }
}

export function prepareStore(
  kind: StoreKind,
  env: Record<string, string | undefined>,
): ReadyStore | MissingStore {
  const required = requiredStores(env).has(kind);
  try {
    const { startedServer, vars } = connect(kind, env);
    const resourcesDir = join(runDir, "components", kind);
    mkdirSync(resourcesDir, { recursive: true });
    const template = readFileSync(join(suiteDir, "components", `${kind}.yaml`), "utf8");
    const yaml = renderComponent(template, { ...vars, STORE_NAME: componentName, APP_ID: appId });
    writeFileSync(join(resourcesDir, `${kind}.yaml`), yaml, { mode: 0o600 });
    const transactional = kind !== "mongodb" || /[?&]replicaSet=/.test(vars.MONGODB_URL ?? "");
    return { kind, required, resourcesDir, startedServer, transactional };
  } catch (error) {
    return { kind, required, problem: error instanceof Error ? error.message : String(error) };
  }
}
