/**
 * A second replica of a stack service: the same app command and environment, the same daprd arguments
 * (same app id, components and resiliency), on spare ports. It lives as long as the test process.
 */
import { waitFor } from "../../support/stack.ts";
import { send } from "./client.ts";
import { listenerPid, type ProcessSpec, type Started, specOfListener, startDetached } from "./processes.ts";
import type { StackService } from "./stack-env.ts";

export interface ReplicaPorts {
  app: number;
  http: number;
  grpc: number;
  internalGrpc: number;
  metrics: number;
}

/**
 * Spare ports of replica slot `slot` (1..9): app 1870<slot>; daprd http 1370<slot>, grpc 1371<slot>,
 * internal grpc 1372<slot>, metrics 1373<slot>. Other suites use 180xx/135xx.
 */
export const replicaPorts = (slot: number): ReplicaPorts => ({
  app: 18_700 + slot,
  http: 13_700 + slot,
  grpc: 13_710 + slot,
  internalGrpc: 13_720 + slot,
  metrics: 13_730 + slot,
});

export interface Replica {
  service: StackService;
  ports: ReplicaPorts;
  url: string;
  sidecarUrl: string;
  stop(): Promise<void>;
}

const withFlag = (argv: readonly string[], flag: string, value: string): string[] => {
  const out = [...argv];
  const at = out.indexOf(flag);
  if (at >= 0) out[at + 1] = value;
  else out.push(flag, value);
  return out;
};

export const replicaAppSpec = (
  app: ProcessSpec,
  ports: ReplicaPorts,
  extraEnv: Record<string, string>,
): ProcessSpec => ({
  ...app,
  env: {
    ...app.env,
    PORT: String(ports.app),
    APP_PORT: String(ports.app),
    DAPR_HTTP_PORT: String(ports.http),
    DAPR_GRPC_PORT: String(ports.grpc),
    DAPR_METRICS_PORT: String(ports.metrics),
    ...extraEnv,
  },
});

export const replicaSidecarSpec = (daprd: ProcessSpec, ports: ReplicaPorts): ProcessSpec => {
  let argv = withFlag(daprd.argv, "--app-port", String(ports.app));
  argv = withFlag(argv, "--dapr-http-port", String(ports.http));
  argv = withFlag(argv, "--dapr-grpc-port", String(ports.grpc));
  argv = withFlag(argv, "--dapr-internal-grpc-port", String(ports.internalGrpc));
  argv = withFlag(argv, "--metrics-port", String(ports.metrics));
  return { ...daprd, argv };
};

/**
 * Starts app + daprd of `service` on the slot's ports, copied from the running stack processes.
 * @example const replica = await startReplica(serviceOf("ingestor"), 4);
 */
export const startReplica = async (
  service: StackService,
  slot: number,
  extraEnv: Record<string, string> = {},
): Promise<Replica> => {
  const ports = replicaPorts(slot);
  for (const port of Object.values(ports))
    if (listenerPid(port) !== undefined) throw new Error(`replica port ${port} is taken`);
  const app = specOfListener(service.appPort);
  const daprd = specOfListener(service.sidecarPort);
  const name = `replica-${service.appId}`;
  const started: Started[] = [];
  const stop = async () => {
    await Promise.all(started.map((s) => s.stop()));
  };
  try {
    started.push(await startDetached(replicaAppSpec(app, ports, extraEnv), `${name}-app`, process.pid));
    started.push(await startDetached(replicaSidecarSpec(daprd, ports), `${name}-daprd`, process.pid));
    const url = `http://127.0.0.1:${ports.app}`;
    const sidecarUrl = `http://127.0.0.1:${ports.http}`;
    await waitFor(
      `${name} ready`,
      async () => (await send(`${url}/ready`, { timeoutMs: 3000 })).status === 200,
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    return { service, ports, url, sidecarUrl, stop };
  } catch (err) {
    await stop();
    throw err;
  }
};
