/**
 * Local runs listen on loopback only (docs/conventions.md, "Ports (loopback only)"): nothing of the stack
 * — apps, sidecars (HTTP, gRPC, metrics), Redis, MariaDB, Kafka, the FX sandbox — accepts connections
 * from another machine. Read from the kernel's table of listening sockets (`ss -ltnH`).
 * Not checked: the sidecars' metrics ports (9191-9195). daprd binds them to 0.0.0.0 unless started with
 * `--metrics-listen-address`, which the dapr CLI 1.16 run template cannot pass (docs/reliability.md).
 */
import { describe, expect, test } from "bun:test";
import { scenario } from "../support/summary.ts";

const STACK_PORTS = [
  ...[8001, 8002, 8003, 8004, 8080],
  ...[3501, 3502, 3503, 3504, 3580],
  ...[50001, 50002, 50003, 50004, 50080],
  ...[6380, 3307, 9092, 9093, 8090],
];

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|\[::1\]|\[::ffff:127\.\d+\.\d+\.\d+\]):\d+$/;

/** Local addresses of the listening TCP sockets, by port. */
const listeners = (): Map<number, string[]> => {
  const out = Bun.spawnSync(["ss", "-ltnH"], { stdout: "pipe" }).stdout.toString();
  const byPort = new Map<number, string[]>();
  for (const line of out.split("\n")) {
    const local = line.trim().split(/\s+/)[3];
    const port = Number(local?.slice(local.lastIndexOf(":") + 1));
    if (!local || !Number.isInteger(port)) continue;
    byPort.set(port, [...(byPort.get(port) ?? []), local]);
  }
  return byPort;
};

describe("the stack's ports", () => {
  test("every listening port of the stack is bound to loopback", async () => {
    await scenario("access", "ports bound to loopback only", async (tally) => {
      const byPort = listeners();
      const open = STACK_PORTS.filter((port) => byPort.has(port));
      tally.inputsTried += open.length;
      const exposed = open.flatMap((port) =>
        (byPort.get(port) ?? []).filter((local) => !LOOPBACK.test(local)),
      );
      tally.notes.push(`${open.length} of ${STACK_PORTS.length} stack ports listening`);
      expect(open.length).toBeGreaterThanOrEqual(10);
      expect(exposed).toEqual([]);
    });
  });
});
