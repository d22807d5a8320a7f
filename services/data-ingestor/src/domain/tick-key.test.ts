import { describe, expect, test } from "bun:test";
import { nextScheduledRun, tickKeyOf, tickWindowStart } from "./tick-key.ts";

describe("tick keys", () => {
  test("every instant of one 2-minute window gives the same key", () => {
    const first = tickKeyOf("cron-ingest", new Date("2026-11-27T12:44:00.000Z"), 120);
    const last = tickKeyOf("cron-ingest", new Date("2026-11-27T12:45:59.999Z"), 120);
    expect(first).toBe("cron-ingest:2026-11-27T12:44:00.000Z");
    expect(last).toBe(first);
  });

  test("the next window gives a new key", () => {
    expect(tickKeyOf("cron-ingest", new Date("2026-11-27T12:46:00.000Z"), 120)).toBe(
      "cron-ingest:2026-11-27T12:46:00.000Z",
    );
  });

  test("replicas whose sidecars fire seconds apart in the same window agree on the key", () => {
    const keys = ["12:44:03.120", "12:44:41.500", "12:45:30.007"].map((t) =>
      tickKeyOf("cron-ingest", new Date(`2026-11-27T${t}Z`), 120),
    );
    expect(new Set(keys).size).toBe(1);
  });

  test("windows are aligned to the epoch, not to when a process started", () => {
    expect(tickWindowStart(new Date("2026-11-27T00:59:59Z"), 3600).toISOString()).toBe(
      "2026-11-27T00:00:00.000Z",
    );
  });
});

describe("nextScheduledRun", () => {
  const now = new Date("2026-11-27T12:45:10Z");

  test("keeps the phase of the last scheduled run", () => {
    expect(nextScheduledRun(now, new Date("2026-11-27T12:44:37Z"), 120).toISOString()).toBe(
      "2026-11-27T12:46:37.000Z",
    );
  });

  test("skips whole intervals when runs were missed", () => {
    expect(nextScheduledRun(now, new Date("2026-11-27T12:30:37Z"), 120).toISOString()).toBe(
      "2026-11-27T12:46:37.000Z",
    );
  });

  test("without a scheduled run yet, it is the next window boundary", () => {
    expect(nextScheduledRun(now, undefined, 120).toISOString()).toBe("2026-11-27T12:46:00.000Z");
  });
});
