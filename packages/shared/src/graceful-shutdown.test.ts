import { describe, expect, test } from "bun:test";
import { closeConnectionsWhileDraining, exitOnTermination, type SignalTarget } from "./graceful-shutdown.ts";
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
    let drained = 0;
    exitOnTermination({
      drainSeconds: 5,
      log,
      target,
      schedule: (run, ms) => scheduled.push({ run, ms }),
      onDrain: () => drained++,
    });
    expect(exits).toEqual([]);
    expect(drained).toBe(0);
    send("SIGTERM");
    expect(drained).toBe(1);
    expect(exits).toEqual([]);
    expect(scheduled.map((s) => s.ms)).toEqual([5000]);
    scheduled[0]?.run();
    expect(exits).toEqual([0]);
  });

  test("SIGINT stops too, and a second signal does not schedule a second exit", () => {
    const { target, send } = fakeProcess();
    const scheduled: number[] = [];
    exitOnTermination({
      drainSeconds: 0,
      log,
      target,
      schedule: (_run, ms) => scheduled.push(ms),
      onDrain: () => {},
    });
    send("SIGINT");
    send("SIGTERM");
    expect(scheduled).toEqual([0]);
  });

  test("beforeExit (the last spans) runs after the drain and the exit waits for it, but not forever", async () => {
    const { target, exits, send } = fakeProcess();
    const scheduled: Array<{ run: () => void; ms: number }> = [];
    let finish = () => {};
    exitOnTermination({
      drainSeconds: 1,
      log,
      target,
      schedule: (run, ms) => scheduled.push({ run, ms }),
      onDrain: () => {},
      beforeExit: () =>
        new Promise<void>((resolve) => {
          finish = resolve;
        }),
      beforeExitMs: 2000,
    });
    send("SIGTERM");
    scheduled[0]?.run(); // the drain is over: beforeExit starts, its 2 s bound is scheduled
    expect(scheduled.map((s) => s.ms)).toEqual([1000, 2000]);
    await Bun.sleep(0);
    expect(exits).toEqual([]);
    finish();
    await Bun.sleep(0);
    expect(exits).toEqual([0]);

    const stuck = fakeProcess();
    const timers: Array<() => void> = [];
    exitOnTermination({
      drainSeconds: 0,
      log,
      target: stuck.target,
      schedule: (run) => timers.push(run),
      onDrain: () => {},
      beforeExit: () => new Promise(() => {}),
    });
    stuck.send("SIGTERM");
    timers[0]?.(); // the drain is over
    timers[1]?.(); // the bound passes while beforeExit never settles
    await Bun.sleep(0);
    expect(stuck.exits).toEqual([0]);
  });
});

describe("closeConnectionsWhileDraining", () => {
  test("answers unchanged until the drain starts, then with Connection: close", async () => {
    let draining = false;
    const fetch = closeConnectionsWhileDraining(
      async (_request: Request) => new Response("ok", { headers: { "content-type": "text/plain" } }),
      () => draining,
    );
    const before = await fetch(new Request("http://app/"));
    expect(before.headers.get("connection")).toBeNull();
    draining = true;
    const after = await fetch(new Request("http://app/"));
    expect(after.headers.get("connection")).toBe("close");
    expect(after.headers.get("content-type")).toBe("text/plain");
    expect(await after.text()).toBe("ok");
  });

  test("copies a response whose headers cannot change (fetch() answers are immutable on Deno)", async () => {
    class ImmutableHeaders extends Headers {
      override set(): never {
        throw new TypeError("immutable headers");
      }
    }
    const passedThrough = () => {
      const response = new Response("moved", { status: 302 });
      Object.defineProperty(response, "headers", { value: new ImmutableHeaders({ location: "/elsewhere" }) });
      return response;
    };
    expect(() => passedThrough().headers.set("x", "y")).toThrow("immutable headers");
    const fetch = closeConnectionsWhileDraining(
      async (_request: Request) => passedThrough(),
      () => true,
    );
    const answer = await fetch(new Request("http://app/"));
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toBe("/elsewhere");
    expect(answer.headers.get("connection")).toBe("close");
    expect(await answer.text()).toBe("moved");
  });
});
