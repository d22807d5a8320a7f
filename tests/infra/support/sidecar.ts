/**
 * Starts a real daprd next to a test app, the way `dapr run` would, with the repo's dapr/config.yaml (plus
 * the suite's own caller in its access-control policy, see daprd-config.ts), an mTLS identity from the
 * local Sentry, and a rendered resources folder. Both tokens are set, as in every real run: calls to the sidecar need the
 * `dapr-api-token` header (`sidecar.fetch` adds it), calls from the sidecar to the app carry the app token.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import type { Subprocess } from "bun";
import { sentryMtls } from "../../support/sentry.ts";
import { infraDaprConfig } from "./daprd-config.ts";
import { daprdBinary, localSecrets, repoRoot, runDir } from "./environment.ts";
import { eventually } from "./eventually.ts";

const handedOut = new Set<number>();

const canListen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host: "0.0.0.0", exclusive: true }, () => server.close(() => resolve(true)));
  });

/**
 * A port nobody listens on right now. Drawn at random below the kernel's ephemeral range (where other
 * processes' OS-assigned ports live), so parallel runs and other stacks rarely race for it; a sidecar that
 * still loses the race is restarted on new ports (startSidecar).
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (!handedOut.has(port) && (await canListen(port))) {
      handedOut.add(port);
      return port;
    }
  }
}

export interface SidecarOptions {
  appId: string;
  /** The port the test app listens on; daprd waits for it before reporting healthy. */
  appPort: number;
  resourcesDir: string;
}

export interface Sidecar {
  appId: string;
  url: string;
  /** fetch against the sidecar with the Dapr API token. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  log(): string;
  stop(): Promise<void>;
}

export async function startSidecar(options: SidecarOptions, attempt = 1): Promise<Sidecar> {
  const ports = {
    http: await freePort(),
    grpc: await freePort(),
    metrics: await freePort(),
    internal: await freePort(),
  };
  const secrets = localSecrets();
  const logDir = join(runDir, "logs", "test-infra");
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${options.appId}.log`);
  const args = [
    daprdBinary,
    ...["--app-id", options.appId, "--app-protocol", "http"],
    ...["--app-port", String(options.appPort)],
    ...["--dapr-http-port", String(ports.http), "--dapr-grpc-port", String(ports.grpc)],
    ...["--dapr-internal-grpc-port", String(ports.internal), "--metrics-port", String(ports.metrics)],
    ...["--dapr-listen-addresses", "127.0.0.1", "--resources-path", options.resourcesDir],
    ...["--config", infraDaprConfig(), "--log-level", "warn"],
    ...["--dapr-graceful-shutdown-seconds", "1"],
    ...sentryMtls().args,
  ];
  const daprd: Subprocess = Bun.spawn(args, {
    cwd: repoRoot,
    env: {
      ...Bun.env,
      ...sentryMtls().env,
      DAPR_API_TOKEN: secrets["dapr-api-token"],
      APP_API_TOKEN: secrets["app-api-token"],
    },
    stdout: Bun.file(logFile),
    stderr: "inherit",
  });
  const url = `http://127.0.0.1:${ports.http}`;
  const log = () => readFileSync(logFile, "utf8");
  try {
    await eventually(
      `daprd ${options.appId} to report healthy`,
      async () => {
        if (daprd.exitCode !== null) throw new Error(`daprd ${options.appId} exited:\n${log().slice(-3000)}`);
        const health = await fetch(`${url}/v1.0/healthz`).catch(() => undefined);
        return health?.status === 204 ? true : undefined;
      },
      40_000,
      200,
    );
  } catch (error) {
    daprd.kill("SIGKILL");
    await daprd.exited;
    if (attempt < 3 && log().includes("address already in use")) return startSidecar(options, attempt + 1);
    throw error;
  }
  return {
    appId: options.appId,
    url,
    fetch: (path, init = {}) => {
      const headers = new Headers(init.headers);
      headers.set("dapr-api-token", secrets["dapr-api-token"]);
      return fetch(`${url}${path}`, { ...init, headers });
    },
    log,
    stop: async () => {
      daprd.kill("SIGTERM");
      const stopped = await Promise.race([daprd.exited.then(() => true), Bun.sleep(8_000).then(() => false)]);
      if (!stopped) daprd.kill("SIGKILL");
      await daprd.exited;
    },
  };
}
