import { describe, expect, test } from "bun:test";
import { createLogger, type DistributedLock, manualClock } from "@trip/shared";
import type { DayRange } from "../domain/day-ranges.ts";
import { ANALYSIS_LOCK, RESCAN_IDS, runAnalysis, runKeyOf } from "./analysis-job.ts";
import type { AnalysisStore } from "./ports.ts";

const log = createLogger({ service: "test", level: "error" });

const fakeLock = (free = true) => {
  const calls: string[] = [];
  const lock: DistributedLock = {
    async tryLock(resource, owner) {
      calls.push(`lock ${resource} ${owner}`);
      return free;
    },
    async unlock(resource, owner) {
      calls.push(`unlock ${resource} ${owner}`);
      return "released";
    },
  };
  return { lock, calls };
};

const fakeStore = (rows: Array<{ id: number; currency: string; kstDate: string }>, upTo = 0) => {
  const runs = new Map<
    string,
    { status: string; fromId?: number; toId?: number; days?: number; error?: string }
  >();
  const aggregated: Array<[string, DayRange]> = [];
  let failAggregate = false;
  const store: AnalysisStore = {
    async claimRun(key) {
      if (runs.has(key)) return false;
      runs.set(key, { status: "running" });
      return true;
    },
    async finishRun(key, o) {
      runs.set(key, {
        status: o.status,
        fromId: o.fromId,
        toId: o.toId,
        days: o.daysUpdated,
        ...(o.error ? { error: o.error } : {}),
      });
    },
    async processedUpTo() {
      const done = [...runs.values()].filter((r) => r.status === "succeeded").map((r) => r.toId ?? 0);
      return Math.max(upTo, ...done);
    },
    async latestRateId() {
      return Math.max(0, ...rows.map((r) => r.id));
    },
    async changedDays(after, upToId) {
      const hits = rows.filter((r) => r.id > after && r.id <= upToId);
      return [...new Map(hits.map((r) => [`${r.currency}|${r.kstDate}`, r])).values()];
    },
    async aggregateDays(currency, range) {
      if (failAggregate) throw new Error("database unavailable");
      aggregated.push([currency, range]);
      return 1;
    },
  };
  return {
    store,
    runs,
    aggregated,
    failNext: () => {
      failAggregate = true;
    },
  };
};

const deps = (store: AnalysisStore, lock: DistributedLock, now = "2026-11-27T03:10:00Z") => {
  let cleared = 0;
  return {
    deps: {
      store,
      lock,
      log,
      clock: manualClock(now),
      owner: "history-service:abc",
      lockTtlSeconds: 900,
      onAggregated: () => cleared++,
    },
    cleared: () => cleared,
  };
};

describe("runKeyOf", () => {
  test("hourly ticks share one key per UTC hour; midnight one per KST day", () => {
    expect(runKeyOf("hourly", new Date("2026-11-27T03:10:00Z"), "o")).toBe("hourly:2026-11-27T03");
    expect(runKeyOf("hourly", new Date("2026-11-27T03:59:59Z"), "o")).toBe("hourly:2026-11-27T03");
    expect(runKeyOf("midnight", new Date("2026-11-27T15:00:05Z"), "o")).toBe("midnight:2026-11-28");
    expect(runKeyOf("start", new Date("2026-11-27T03:10:00Z"), "o")).not.toBe(
      runKeyOf("start", new Date("2026-11-27T03:10:01Z"), "o"),
    );
  });
});

describe("runAnalysis", () => {
  const rows = [
    { id: 1, currency: "USD", kstDate: "2026-11-20" },
    { id: 2, currency: "JPY", kstDate: "2026-11-20" },
    { id: 3, currency: "USD", kstDate: "2026-11-23" },
    { id: 4, currency: "USD", kstDate: "2026-11-27" },
  ];

  test("folds changed days into ranges per currency and records the run", async () => {
    const { store, runs, aggregated } = fakeStore(rows);
    const { lock, calls } = fakeLock();
    const { deps: d, cleared } = deps(store, lock);
    const result = await runAnalysis(d, "hourly");
    expect(result).toEqual({
      run_key: "hourly:2026-11-27T03",
      status: "succeeded",
      from_id: 0,
      to_id: 4,
      days_updated: 4,
    });
    expect(aggregated).toEqual([
      ["USD", { first: "2026-11-20", last: "2026-11-27" }],
      ["JPY", { first: "2026-11-20", last: "2026-11-20" }],
    ]);
    expect(runs.get("hourly:2026-11-27T03")).toMatchObject({ status: "succeeded", toId: 4, days: 4 });
    expect(calls).toEqual([
      `lock ${ANALYSIS_LOCK} history-service:abc`,
      `unlock ${ANALYSIS_LOCK} history-service:abc`,
    ]);
    expect(cleared()).toBe(1);
  });

  test("a second tick in the same hour (another replica) is skipped", async () => {
    const { store, aggregated } = fakeStore(rows);
    const { lock } = fakeLock();
    await runAnalysis(deps(store, lock, "2026-11-27T03:10:00Z").deps, "hourly");
    const second = await runAnalysis(deps(store, lock, "2026-11-27T03:40:00Z").deps, "hourly");
    expect(second).toMatchObject({ status: "skipped", reason: "this tick has already been analysed" });
    expect(aggregated).toHaveLength(2);
  });

  test("skipped while another run holds the lock", async () => {
    const { store, runs } = fakeStore(rows);
    const result = await runAnalysis(deps(store, fakeLock(false).lock).deps, "hourly");
    expect(result.status).toBe("skipped");
    expect(runs.size).toBe(0);
  });

  test("the next run starts below the last watermark (rescan) and re-reads only recent ids", async () => {
    const { store } = fakeStore(rows, RESCAN_IDS + 100);
    const result = await runAnalysis(deps(store, fakeLock().lock).deps, "manual");
    expect(result).toMatchObject({ status: "succeeded", from_id: 100, to_id: 4 });
  });

  test("a failing run is recorded as failed, releases the lock and throws", async () => {
    const { store, runs, failNext } = fakeStore(rows);
    failNext();
    const { lock, calls } = fakeLock();
    await expect(runAnalysis(deps(store, lock).deps, "hourly")).rejects.toThrow("database unavailable");
    expect(runs.get("hourly:2026-11-27T03")).toMatchObject({
      status: "failed",
      error: "database unavailable",
    });
    expect(calls.at(-1)).toStartWith("unlock");
  });
});
