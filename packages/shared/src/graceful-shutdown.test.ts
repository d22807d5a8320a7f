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
