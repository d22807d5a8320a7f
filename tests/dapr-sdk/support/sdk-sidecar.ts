/**
 * A daprd of the suite's own (app id `dapr-sdk-check`, no app) loading the local profile's `cache` state
 * store and `pubsub` exactly as committed, only scoped to that id: the SDK meets the stores the services
 * use, on the stack's Redis, without touching a stack app's sidecar. Keys and topics are the suite's
 * own (`dapr-sdk-check:<run>:…`); each test file removes its own again in `afterAll`.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { CommunicationProtocolEnum, DaprClient, type LoggerService, LogLevel } from "@dapr/dapr";
import { COMPONENTS } from "../../../packages/shared/src/names.ts";
import { renderResources, repoRoot } from "../../../scripts/lib/render-resources.ts";
import { type Sidecar, startSidecar } from "../../state-stores/support/daprd-sidecar.ts";
import { secrets } from "../../support/stack.ts";

export const appId = "dapr-sdk-check";
/** Every key and topic of one run starts with this. */
export const runPrefix = `${appId}:${crypto.randomUUID().slice(0, 8)}`;
/** Spare loopback ports (the state-store suite uses 195xx). */
const httpPortOf = { state: 19_610, pubsub: 19_620, client: 19_630 } as const;
/** Nothing listens here: a sidecar that is down. */
export const closedPort = 19_699;

export interface SuiteSidecar {
  sidecar: Sidecar;
  httpPort: number;
  /** A DaprClient over HTTP, the protocol the services use; `logged` collects what it logs. */
  client: (options?: { apiToken?: string; level?: LogLevel }) => { client: DaprClient; logged: string[] };
}

/** Log lines of one client, kept instead of printed. */
const capturingLogger = (logged: string[]): LoggerService => {
  const keep =
    (level: string) =>
    (message: unknown, ...params: unknown[]) => {
      logged.push(`${level} ${String(message)} ${params.map(String).join(" ")}`.trim());
    };
  return {
    error: keep("error"),
    warn: keep("warn"),
    info: keep("info"),
    verbose: keep("verbose"),
    debug: keep("debug"),
  };
};

export const sdkClient = (
  port: number,
  options: { apiToken?: string; level?: LogLevel } = {},
): { client: DaprClient; logged: string[] } => {
  const logged: string[] = [];
  const client = new DaprClient({
    daprHost: "127.0.0.1",
    daprPort: String(port),
    communicationProtocol: CommunicationProtocolEnum.HTTP,
    ...(options.apiToken ? { daprApiToken: options.apiToken } : {}),
    logger: { level: options.level ?? LogLevel.Error, service: capturingLogger(logged) },
  });
  return { client, logged };
};

export const startSuiteSidecar = async (purpose: keyof typeof httpPortOf): Promise<SuiteSidecar> => {
  const workDir = join(repoRoot, ".run", "dapr-sdk", purpose);
  const resourcesDir = join(workDir, "resources");
  mkdirSync(workDir, { recursive: true });
  renderResources({
    profile: "local",
    outDir: resourcesDir,
    scopes: [appId],
    only: [COMPONENTS.cache, COMPONENTS.pubsub],
  });
  const httpPort = httpPortOf[purpose];
  const sidecar = await startSidecar({
    appId,
    resourcesDir,
    httpPort,
    logFile: join(workDir, "daprd.log"),
    workDir,
  });
  return { sidecar, httpPort, client: (options) => sdkClient(httpPort, options) };
};

/** The stack's Redis, for what the Dapr API cannot remove (a topic's stream). */
export const stackRedis = (): Bun.RedisClient =>
  new Bun.RedisClient(`redis://:${encodeURIComponent(secrets()["redis-password"] ?? "")}@127.0.0.1:6380`);
