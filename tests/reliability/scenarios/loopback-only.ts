/**
 * Local runs listen on loopback only (docs/conventions.md, "Ports (loopback only)"): nothing of the stack
 * — apps, sidecars (HTTP, gRPC, metrics and every other socket a sidecar of the stack opens, such as
 * its internal gRPC port), Sentry, Redis, MariaDB, Kafka, the FX sandbox — accepts connections from another
 * machine. Read from the kernel's table of listening sockets (`ss -ltnpH`). The run template cannot
 * place daprd's metrics and internal gRPC servers; the launcher scripts/setup.sh writes does.
 */
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { scenario } from "../support/summary.ts";

const STACK_PORTS = [
  ...[8001, 8002, 8003, 8004, 8080],
  ...[3501, 3502, 3503, 3504, 3580],
  ...[3601, 3602, 3603, 3604, 3680],
  ...[9191, 9192, 9193, 9194, 9195],
  ...[6380, 3307, 9092, 9093, 8090, 3690, 9290],
];

/**
 * The one listener a flag cannot keep on loopback: Dapr 1.16's Sentry starts its healthz server on every
 * interface (pkg/healthz/server listens on ":port"; cmd/sentry never passes --healthz-listen-address).
 * It answers only /healthz. Allowed only while the process holding it is Sentry.
 */
const SENTRY_HEALTHZ = 9290;

const APP_IDS = ["currency-service", "ranking-service", "history-service", "data-ingestor", "web"];

/** Whether a pid is a sidecar of this stack (not some other daprd on the machine, e.g. a test's). */
const isStackSidecar = (pid: number): boolean => {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    const appId = args[args.indexOf("--app-id") + 1] ?? "";
    return args.some((a) => a.endsWith("daprd")) && APP_IDS.includes(appId);
  } catch {
    return false;
  }
};

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|\[::1\]|\[::ffff:127\.\d+\.\d+\.\d+\]):\d+$/;

/** Local addresses of the listening TCP sockets by port, and the ports the stack's sidecars hold. */
const listeners = (): {
  byPort: Map<number, string[]>;
  sidecarPorts: Set<number>;
  commandsByPort: Map<number, string[]>;
} => {
  const out = Bun.spawnSync(["ss", "-ltnpH"], { stdout: "pipe" }).stdout.toString();
  const byPort = new Map<number, string[]>();
  const sidecarPorts = new Set<number>();
  const commandsByPort = new Map<number, string[]>();
  for (const line of out.split("\n")) {
    const local = line.trim().split(/\s+/)[3];
    const port = Number(local?.slice(local.lastIndexOf(":") + 1));
    if (!local || !Number.isInteger(port)) continue;
    byPort.set(port, [...(byPort.get(port) ?? []), local]);
    const pids = [...line.matchAll(/pid=(\d+)/g)].map((m) => Number(m[1]));
    if (pids.some(isStackSidecar)) sidecarPorts.add(port);
    const commands = [...line.matchAll(/\("([^"]+)",pid=/g)].map((m) => m[1] ?? "");
    commandsByPort.set(port, [...(commandsByPort.get(port) ?? []), ...commands]);
  }
  return { byPort, sidecarPorts, commandsByPort };
};

describe("the stack's ports", () => {
  test("every listening port of the stack is bound to loopback", async () => {
    await scenario("access", "ports bound to loopback only", async (tally) => {
      const { byPort, sidecarPorts, commandsByPort } = listeners();
      const open = [...new Set([...STACK_PORTS, ...sidecarPorts])].filter((port) => byPort.has(port));
      tally.inputsTried += open.length;
      const sentryHealthz = (port: number) =>
        port === SENTRY_HEALTHZ && (commandsByPort.get(port) ?? []).every((command) => command === "sentry");
      const exposed = open.flatMap((port) =>
        sentryHealthz(port) ? [] : (byPort.get(port) ?? []).filter((local) => !LOOPBACK.test(local)),
      );
      tally.notes.push(
        `${open.length} ports listening: ${STACK_PORTS.filter((p) => byPort.has(p)).length} of the ${STACK_PORTS.length} fixed ones, ${sidecarPorts.size} held by the stack's sidecars`,
      );
      expect(open.length).toBeGreaterThanOrEqual(10);
      // Each sidecar has at least HTTP, gRPC, metrics and its internal gRPC port.
      expect(sidecarPorts.size).toBeGreaterThanOrEqual(4 * 5);
      expect(exposed).toEqual([]);
    });
  });
});
