import { describe, expect, test } from "bun:test";
import { exitOnTermination, type SignalTarget } from "./graceful-shutdown.ts";
import { createLogger } from "./logger.ts";

const fakeProcess = () => {
  const listeners = new Map<string, () => void>();
  const exits: number[] = [];
  const target: SignalTarget = {
    once: (signal, listener) => listeners.set(signal, listener),
    exit: (code) => exits.push(code),
  };
  return { target, exits, send: (signal: string) => listeners.get(signal)?.() };
};

describe("exitOnTermination", () => {
  const log = createLogger({ service: "test", level: "error" });

  test("SIGTERM exits with 0 once the drain time has passed, not before", () => {
    const { target, exits, send } = fakeProcess();
    const scheduled: Array<{ run: () => void; ms: number }> = [];
    exitOnTermination({ drainSeconds: 5, log, target, schedule: (run, ms) => scheduled.push({ run, ms }) });
    expect(exits).toEqual([]);
    send("SIGTERM");
    expect(exits).toEqual([]);
    expect(scheduled.map((s) => s.ms)).toEqual([5000]);
    scheduled[0]?.run();
    expect(exits).toEqual([0]);
  });

  test("SIGINT stops too, and a second signal does not schedule a second exit", () => {
    const { target, send } = fakeProcess();
    const scheduled: number[] = [];
    exitOnTermination({ drainSeconds: 0, log, target, schedule: (_run, ms) => scheduled.push(ms) });
    send("SIGINT");
    send("SIGTERM");
    expect(scheduled).toEqual([0]);
  });
});
