/**
 * A private history-service for the history benchmark: the same code (`services/history`, `bun
 * src/main.ts`) behind its own daprd, whose `trip-db` binding points at a scratch database on the same
 * MariaDB server. The benchmark's year of rows lives there and nowhere else, so no chart a user sees
 * ever holds them — not even while the benchmark runs or after it is killed halfway (issue 13).
 * The database is dropped at start (what an interrupted run left) and at stop, unless kept.
 */
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { Subprocess } from "bun";
import { renderResources } from "../../scripts/lib/render-resources.ts";
import { privateSidecarConfig } from "../../tests/support/private-sidecar-config.ts";
import { mariadb, waitFor } from "../../tests/support/stack.ts";
import { REPO, secrets } from "./stack.ts";

/** A `trip_%` database: the `trip` user may create it (scripts/infra/mariadb.sh). */
export const BENCH_DATABASE = "trip_bench_history";
/** Its own app id, so its locks and name never meet the stack's history-service. */
const APP_ID = "history-bench";
const PORT_BASE = Number(process.env.BENCH_HISTORY_PORT_BASE ?? 18710);
const runDir = join(REPO, ".run", "bench", "history");

export interface PrivateHistory {
  url: string;
  sidecarUrl: string;
  /** Stops both processes; drops the database unless `keep`. */
  stop(options?: { keep?: boolean }): Promise<void>;
}

const daprdBinary = () =>
  process.env.DAPRD_BINARY ??
  join(process.env.TRIP_CACHE ?? join(homedir(), ".cache", "trip-service"), "bin", "daprd");

const stopProcess = async (proc: Subprocess): Promise<void> => {
  proc.kill("SIGTERM");
  const stopped = await Promise.race([proc.exited.then(() => true), Bun.sleep(8000).then(() => false)]);
  if (!stopped) proc.kill("SIGKILL");
  await proc.exited;
};

/** The local secret store with `mysql-dsn` naming the scratch database instead of `trip`. */
const writeSecrets = (): string => {
  const own = { ...secrets() };
  const dsn = own["mysql-dsn"] ?? "";
  if (!dsn.includes("/trip?")) throw new Error("mysql-dsn of .run/secrets.json does not name database trip");
  own["mysql-dsn"] = dsn.replace("/trip?", `/${BENCH_DATABASE}?`);
  const file = join(runDir, "secrets.json");
  writeFileSync(file, JSON.stringify(own), { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
};

/**
 * Starts the private history-service and waits until its schema is in place. `reuse` keeps the rows a
 * previous run left with `keep` (BENCH_HISTORY_SKIP_LOAD); otherwise the database starts empty.
 */
export const startPrivateHistory = async ({ reuse = false } = {}): Promise<PrivateHistory> => {
  mkdirSync(join(runDir, "logs"), { recursive: true });
  if (!reuse) mariadb(`DROP DATABASE IF EXISTS ${BENCH_DATABASE}`);
  mariadb(`CREATE DATABASE IF NOT EXISTS ${BENCH_DATABASE} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const resources = join(runDir, "resources");
  renderResources({
    profile: "local",
    outDir: resources,
    scopes: [APP_ID],
    only: ["trip-db", "lockstore"],
    secretsFile: writeSecrets(),
  });
  const ports = { app: PORT_BASE, http: PORT_BASE + 1, grpc: PORT_BASE + 2, internal: PORT_BASE + 3 };
  const tokens = {
    DAPR_API_TOKEN: secrets()["dapr-api-token"] ?? "",
    APP_API_TOKEN: secrets()["app-api-token"] ?? "",
  };
  const log = (name: string) => Bun.file(join(runDir, "logs", name));
  const app = Bun.spawn([process.execPath, "src/main.ts"], {
    cwd: join(REPO, "services", "history"),
    env: {
      ...process.env,
      ...tokens,
      PORT: String(ports.app),
      HOST: "127.0.0.1",
      DAPR_HTTP_PORT: String(ports.http),
      LOG_LEVEL: "warn",
      ANALYSIS_ON_START: "false",
    },
    stdout: log("history.log"),
    stderr: log("history.err.log"),
  });
  const daprd = Bun.spawn(
    [
      daprdBinary(),
      ...["--app-id", APP_ID, "--app-port", String(ports.app), "--app-protocol", "http"],
      ...["--dapr-http-port", String(ports.http), "--dapr-grpc-port", String(ports.grpc)],
      ...["--dapr-internal-grpc-port", String(ports.internal), "--metrics-port", String(PORT_BASE + 4)],
      ...["--dapr-listen-addresses", "127.0.0.1", "--resources-path", resources],
      ...["--config", privateSidecarConfig(runDir), "--log-level", "warn"],
      ...["--dapr-graceful-shutdown-seconds", "1"],
    ],
    { cwd: REPO, env: { ...process.env, ...tokens }, stdout: log("daprd.log"), stderr: log("daprd.err.log") },
  );
  const url = `http://127.0.0.1:${ports.app}`;
  const stop: PrivateHistory["stop"] = async ({ keep = false } = {}) => {
    await Promise.all([stopProcess(app), stopProcess(daprd)]);
    if (!keep) mariadb(`DROP DATABASE IF EXISTS ${BENCH_DATABASE}`);
  };
  try {
    await waitFor(
      "the private history-service ready, its schema applied",
      async () =>
        (await fetch(`${url}/ready`).then((res) => res.ok)) &&
        mariadb(`SHOW TABLES FROM ${BENCH_DATABASE} LIKE 'analysis_runs'`).length === 1,
      { timeoutMs: 60_000, intervalMs: 500 },
    );
  } catch (err) {
    await stop();
    throw new Error(`${String(err)} (logs: .run/bench/history/logs)`);
  }
  return { url, sidecarUrl: `http://127.0.0.1:${ports.http}`, stop };
};
