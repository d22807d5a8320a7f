// Starts one app-less daprd on loopback with a resources folder, and stops it again.
import { existsSync, openSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export type Sidecar = { baseUrl: string; logFile: string; stop: () => Promise<void> };

export type SidecarOptions = {
  appId: string;
  resourcesDir: string;
  /** daprd takes httpPort (HTTP API), httpPort+1 (gRPC API) and httpPort+2 (internal gRPC). */
  httpPort: number;
  logFile: string;
  /** daprd's working directory; the SQLite name-resolution file lands there. */
  workDir: string;
};

const readyTimeoutMs = 30_000;

export function daprdPath(): string {
  const cache = process.env.TRIP_CACHE ?? join(homedir(), ".cache", "trip-service");
  return process.env.DAPRD_PATH ?? join(cache, "bin", "daprd");
}

function logTail(logFile: string, lines = 15): string {
  if (!existsSync(logFile)) return "(no log)";
  return readFileSync(logFile, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
}

/** Resolves once `/v1.0/healthz` answers 204 — which daprd only does after every component initialised. */
export async function startSidecar(options: SidecarOptions): Promise<Sidecar> {
  const binary = daprdPath();
  if (!existsSync(binary)) throw new Error(`daprd not found at ${binary} (scripts/setup/dapr.sh builds it)`);
  // The suite's sidecar needs no API token; one exported by a caller must not leak into it.
  const { DAPR_API_TOKEN: _token, APP_API_TOKEN: _appToken, ...env } = process.env;
  const logFd = openSync(options.logFile, "w");
  const child = Bun.spawn(
    [
      binary,
      "--app-id",
      options.appId,
      "--resources-path",
      options.resourcesDir,
      "--dapr-listen-addresses",
      "127.0.0.1",
      "--dapr-http-port",
      String(options.httpPort),
      "--dapr-grpc-port",
      String(options.httpPort + 1),
      "--dapr-internal-grpc-port",
      String(options.httpPort + 2),
      "--dapr-internal-grpc-listen-address",
      "127.0.0.1",
      "--config",
      join(import.meta.dir, "..", "daprd-config.yaml"),
      "--enable-metrics=false",
      "--dapr-graceful-shutdown-seconds",
      "1",
      "--log-level",
      "info",
    ],
    { env, cwd: options.workDir, stdout: logFd, stderr: logFd, stdin: "ignore" },
  );
  const baseUrl = `http://127.0.0.1:${options.httpPort}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await child.exited;
  };

  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`daprd exited (${child.exitCode ?? child.signalCode}):\n${logTail(options.logFile)}`);
    }
    const status = await fetch(`${baseUrl}/v1.0/healthz`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 204) return { baseUrl, logFile: options.logFile, stop };
    await Bun.sleep(200);
  }
  await stop();
  throw new Error(`daprd not healthy within ${readyTimeoutMs} ms:\n${logTail(options.logFile)}`);
}
