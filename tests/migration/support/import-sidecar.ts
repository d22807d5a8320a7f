/**
 * The import's own daprd for a test: the tool's resources (tools/import-legacy/src/sidecar-resources.ts)
 * with a secret file of the test's own whose `mysql-dsn` names a scratch database, so the import writes
 * there and never into `trip`. No app port: the tool only calls its sidecar.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { Subprocess } from "bun";
import { IMPORT_APP_ID, renderImportResources } from "../../../tools/import-legacy/src/sidecar-resources.ts";
import { freePort } from "../../infra/support/sidecar.ts";
import { installedTool, REPO_ROOT, secrets, waitFor } from "../../support/stack.ts";

const tripCache = process.env.TRIP_CACHE ?? join(homedir(), ".cache", "trip-service");

export interface ImportSidecar {
  httpPort: number;
  apiToken: string;
  stop(): Promise<void>;
}

export const startImportSidecar = async (workDir: string, database: string): Promise<ImportSidecar> => {
  const daprd = installedTool(join(tripCache, "bin", "daprd"), "bash scripts/setup.sh (step: dapr)");
  const local = secrets();
  const dsn = (local["mysql-dsn"] ?? "").replace(/\/trip\?/, `/${database}?`);
  if (!dsn.includes(`/${database}?`))
    throw new Error("mysql-dsn of .run/secrets.json names no database `trip`");
  mkdirSync(workDir, { recursive: true });
  const secretsFile = join(workDir, "secrets.json");
  writeFileSync(secretsFile, JSON.stringify({ ...local, "mysql-dsn": dsn }), { mode: 0o600 });
  const resources = join(workDir, "resources");
  renderImportResources(resources, secretsFile);
  const apiToken = local["dapr-api-token"] ?? "";
  const [http, grpc, internal, metrics] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const logFile = join(workDir, "daprd.log");
  const proc: Subprocess = Bun.spawn(
    [
      daprd,
      ...["--app-id", IMPORT_APP_ID, "--resources-path", resources],
      ...["--dapr-http-port", String(http), "--dapr-grpc-port", String(grpc)],
      ...["--dapr-internal-grpc-port", String(internal), "--metrics-port", String(metrics)],
      ...["--dapr-listen-addresses", "127.0.0.1", "--log-level", "warn"],
      ...["--dapr-graceful-shutdown-seconds", "1"],
    ],
    {
      cwd: REPO_ROOT,
      env: { ...Bun.env, DAPR_API_TOKEN: apiToken },
      stdout: Bun.file(logFile),
      stderr: "inherit",
    },
  );
  const stop = async () => {
    proc.kill("SIGTERM");
    const exited = await Promise.race([proc.exited.then(() => true), Bun.sleep(8_000).then(() => false)]);
    if (!exited) proc.kill("SIGKILL");
    await proc.exited;
  };
  try {
    await waitFor(
      "the import sidecar to report healthy",
      async () => {
        if (proc.exitCode !== null) throw new Error(`daprd exited (log: ${logFile})`);
        const health = await fetch(`http://127.0.0.1:${http}/v1.0/healthz`).catch(() => undefined);
        return health?.status === 204;
      },
      { timeoutMs: 30_000 },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { httpPort: http, apiToken, stop };
};
