import { describe, expect, test } from "bun:test";
import { ProviderError } from "../domain/provider-snapshot.ts";
import { fakeIngestion, snapshotOf } from "../testing/fakes.ts";
import { runManualIngestion, runScheduledIngestion } from "./run-ingestion.ts";

const SNAPSHOT = snapshotOf("2026-11-27T03:00:00Z", {
  USD: 1469.85,
  "JPY(100)": 927.08,
  EUR: 1705.32,
  KRW: 1,
});
const provided = (setup: ReturnType<typeof fakeIngestion>, snapshot = SNAPSHOT) => {
  setup.source.next = async () => snapshot;
};

describe("one scheduled run", () => {
  test("stores the clean rates, writes the cache with TTL, publishes one event and records success", async () => {
    const setup = fakeIngestion();
    provided(setup);
    const outcome = await runScheduledIngestion(setup.deps);
    expect(outcome?.run).toMatchObject({
      status: "succeeded",
      fetched: 4,
      inserted: 3,
      skipped: 0,
      published: true,
    });
    expect([...setup.rates.rows.values()].map((r) => r.code).sort()).toEqual(["EUR", "JPY", "USD"]);
    expect(setup.cache.entries.get("rate:JPY")).toMatchObject({
      value: { rate: 9.2708, unit: 100 },
      ttlSeconds: 86_400,
    });
    expect(setup.cache.entries.get("rates:latest")?.ttlSeconds).toBe(86_400);
    expect(setup.events.published).toHaveLength(1);
    expect(setup.events.published[0]?.batch_id).toBe("exchangerate-api-1795748400000");
    const recorded = setup.runs.runs.get("run-1");
    expect(recorded).toMatchObject({ status: "succeeded", tickKey: "cron-ingest:2026-11-27T03:00:00.000Z" });
    expect(recorded?.finishedAt).not.toBeNull();
    expect(setup.metrics.runs).toEqual(["cron:succeeded"]);
    expect(setup.metrics.inserted).toBe(3);
  });

  test("a second run on the same snapshot inserts nothing, writes nothing, publishes nothing", async () => {
    const setup = fakeIngestion();
    provided(setup);
    await runManualIngestion(setup.deps);
    const cacheWrites = setup.cache.writes;
    const second = await runManualIngestion(setup.deps);
    expect(second.run).toMatchObject({ status: "unchanged", inserted: 0, skipped: 3, published: false });
    expect(second.run.note).toContain("already stored");
    expect(setup.cache.writes).toBe(cacheWrites);
    expect(setup.events.published).toHaveLength(1);
  });

  test("a provider failure is recorded as failed; nothing is stored, cached or published", async () => {
    const setup = fakeIngestion();
    setup.source.next = async () => {
      throw new ProviderError("http", "fx-provider: the provider answered HTTP 500");
    };
    const outcome = await runScheduledIngestion(setup.deps);
    expect(outcome?.failure).toBe("provider");
    expect(setup.runs.runs.get("run-1")).toMatchObject({
      status: "failed",
      error: "fx-provider: the provider answered HTTP 500",
    });
    expect(setup.rates.insertCalls).toBe(0);
    expect(setup.cache.writes).toBe(0);
    expect(setup.events.published).toEqual([]);
    expect(setup.metrics.runs).toEqual(["cron:failed"]);
  });

  test("after a failure the previous rates stay as they were and the next run tries again", async () => {
    const setup = fakeIngestion();
    provided(setup);
    await runScheduledIngestion(setup.deps);
    const latest = setup.cache.entries.get("rates:latest");
    setup.source.next = async () => {
      throw new ProviderError("malformed", "exchangerate-api: response is not valid JSON");
    };
    setup.clock.advance(120_000);
    expect((await runScheduledIngestion(setup.deps))?.run.status).toBe("failed");
    expect(setup.cache.entries.get("rates:latest")).toBe(latest as NonNullable<typeof latest>);
    expect(setup.rates.rows.size).toBe(3);
    provided(setup, snapshotOf("2026-11-27T03:02:00Z", { USD: 1470.1 }));
    setup.clock.advance(120_000);
    expect((await runScheduledIngestion(setup.deps))?.run.status).toBe("succeeded");
  });

  test("a jump beyond the band is rejected and logged; the other rates are stored", async () => {
    const setup = fakeIngestion();
    provided(setup);
    await runManualIngestion(setup.deps);
    provided(setup, snapshotOf("2026-11-27T03:02:00Z", { USD: 1700, EUR: 1706 }));
    const outcome = await runManualIngestion(setup.deps);
    expect(outcome.run).toMatchObject({ status: "succeeded", inserted: 1, rejected: 1 });
    expect(setup.events.published[1]?.rates.map((r) => r.currency_code)).toEqual(["EUR"]);
    expect(
      setup.logLines.some((l) => l.includes('"reason":"jump"') && l.includes('"provider_code":"USD"')),
    ).toBe(true);
    expect(setup.metrics.rejected.get("jump")).toBe(1);
    const latest = setup.cache.entries.get("rates:latest")?.value as {
      rates: Record<string, { rate: number }>;
    };
    expect(latest.rates.USD?.rate).toBe(1469.85);
    expect(latest.rates.EUR?.rate).toBe(1706);
  });

  test("when every quote is rejected the run fails and stores nothing", async () => {
    const setup = fakeIngestion();
    provided(setup, snapshotOf("2026-11-27T03:00:00Z", { USD: -1, EUR: 0 }));
    const outcome = await runManualIngestion(setup.deps);
    expect(outcome).toMatchObject({ failure: "provider", run: { status: "failed", rejected: 2 } });
    expect(setup.rates.insertCalls).toBe(0);
  });

  test("a provider that published nothing (Eximbank on a Saturday) is unchanged, not failed", async () => {
    const setup = fakeIngestion();
    provided(setup, snapshotOf("2026-11-28T02:00:00Z", {}));
    const outcome = await runManualIngestion(setup.deps);
    expect(outcome.run.status).toBe("unchanged");
    expect(outcome.run.note).toContain("no rates");
    expect(setup.events.published).toEqual([]);
  });

  test("a database failure is recorded as a storage failure; nothing is cached or published", async () => {
    const setup = fakeIngestion();
    provided(setup);
    setup.rates.failInsert = new Error("binding trip-db exec");
    const outcome = await runManualIngestion(setup.deps);
    expect(outcome).toMatchObject({ failure: "storage", run: { status: "failed" } });
    expect(outcome.run.error).toBe("unexpected error (see the service log)");
    expect(setup.cache.writes).toBe(0);
    expect(setup.events.published).toEqual([]);
  });

  test("a cache failure after the rows are stored still publishes, and the run is partial", async () => {
    const setup = fakeIngestion();
    provided(setup);
    setup.cache.failWrite = new Error("redis down");
    const outcome = await runManualIngestion(setup.deps);
    expect(outcome.run).toMatchObject({ status: "partial", inserted: 3, published: true });
    expect(outcome.run.error).toContain("cache not written");
    expect(outcome.failure).toBeUndefined();
  });

  test("a publish failure leaves the stored rows and the cache, and the run is partial", async () => {
    const setup = fakeIngestion();
    provided(setup);
    setup.events.failPublish = new Error("broker down");
    const outcome = await runManualIngestion(setup.deps);
    expect(outcome.run).toMatchObject({ status: "partial", published: false });
    expect(setup.cache.writes).toBe(1);
  });
});

describe("an event the broker could not take", () => {
  const NEXT = snapshotOf("2026-11-27T03:02:00Z", { USD: 1470.1, "JPY(100)": 927.5, EUR: 1705.9 });

  test("is published by the next run, before its own event, and the earlier run is marked published", async () => {
    const setup = fakeIngestion();
    provided(setup);
    setup.events.failPublish = new Error("broker down");
    const failed = await runManualIngestion(setup.deps);
    expect(failed.run).toMatchObject({ status: "partial", published: false, inserted: 3 });
    setup.events.failPublish = undefined;
    setup.clock.advance(120_000);
    provided(setup, NEXT);
    const next = await runScheduledIngestion(setup.deps);
    expect(next?.run).toMatchObject({ status: "succeeded", published: true });
    expect(setup.events.published.map((e) => e.batch_id)).toEqual([
      "exchangerate-api-1795748400000",
      "exchangerate-api-1795748520000",
    ]);
    const republished = setup.events.published[0];
    expect(republished?.rates.map((r) => [r.currency_code, r.rate, r.unit])).toEqual(
      expect.arrayContaining([
        ["USD", 1469.85, 1],
        ["JPY", 9.2708, 100],
        ["EUR", 1705.32, 1],
      ]),
    );
    expect(republished?.observed_at).toBe("2026-11-27T03:00:00.000Z");
    const earlier = setup.runs.runs.get(failed.run.runId);
    expect(earlier).toMatchObject({ status: "partial", published: true });
    expect(earlier?.note).toContain("event published by a later run");
    // Nothing left to publish: a third run on the same snapshot publishes nothing more.
    await runManualIngestion(setup.deps);
    expect(setup.events.published).toHaveLength(2);
  });

  test("while the broker is still down, the next run stores its own rows and both wait", async () => {
    const setup = fakeIngestion();
    provided(setup);
    setup.events.failPublish = new Error("broker down");
    await runManualIngestion(setup.deps);
    setup.clock.advance(120_000);
    provided(setup, NEXT);
    const next = await runManualIngestion(setup.deps);
    expect(next.run).toMatchObject({ status: "partial", inserted: 3, published: false });
    expect(await setup.runs.unpublished(new Date(0))).toHaveLength(2);
    setup.events.failPublish = undefined;
    setup.clock.advance(120_000);
    await runManualIngestion(setup.deps);
    expect(setup.events.published.map((e) => e.observed_at)).toEqual([
      "2026-11-27T03:00:00.000Z",
      "2026-11-27T03:02:00.000Z",
    ]);
  });

  test("one older than a day is left alone", async () => {
    const setup = fakeIngestion();
    provided(setup);
    setup.events.failPublish = new Error("broker down");
    await runManualIngestion(setup.deps);
    setup.events.failPublish = undefined;
    setup.clock.advance(24 * 3600_000 + 1);
    await runManualIngestion(setup.deps);
    expect(setup.events.published).toHaveLength(0);
  });
});

describe("exactly once per tick", () => {
  test("replicas firing within one window: the first claims the tick, the others do nothing", async () => {
    const setup = fakeIngestion("2026-11-27T03:00:05Z");
    provided(setup);
    const first = await runScheduledIngestion(setup.deps);
    setup.clock.advance(40_000);
    const second = await runScheduledIngestion(setup.deps);
    expect(first?.run.status).toBe("succeeded");
    expect(second).toBeUndefined();
    expect(setup.source.calls).toBe(1);
    expect(setup.runs.runs.size).toBe(1);
    expect(setup.metrics.runs).toEqual(["cron:succeeded", "cron:deduplicated"]);
  });

  test("the next window is a new tick", async () => {
    const setup = fakeIngestion("2026-11-27T03:00:05Z");
    provided(setup);
    await runScheduledIngestion(setup.deps);
    setup.clock.advance(120_000);
    expect((await runScheduledIngestion(setup.deps))?.run.status).toBe("unchanged");
    expect(setup.runs.runs.size).toBe(2);
  });

  test("a run that cannot get the lock within the wait is recorded as skipped and fetches nothing", async () => {
    const setup = fakeIngestion();
    provided(setup);
    setup.lock.held.set("data-ingestor:ingest", "someone-else");
    const outcome = await runScheduledIngestion(setup.deps);
    expect(outcome?.run.status).toBe("skipped");
    expect(setup.source.calls).toBe(0);
  });

  test("an unreachable lock store does not stop a run the tick key already made unique", async () => {
    const setup = fakeIngestion();
    provided(setup);
    setup.lock.unavailable = new Error("lockstore down");
    expect((await runScheduledIngestion(setup.deps))?.run.status).toBe("succeeded");
  });

  test("the lock is released after the run, failed or not", async () => {
    const setup = fakeIngestion();
    setup.source.next = async () => {
      throw new ProviderError("timeout", "too slow");
    };
    await runManualIngestion(setup.deps);
    expect(setup.lock.held.size).toBe(0);
  });

  test("a scheduled run never throws, even when the run cannot be recorded", async () => {
    const setup = fakeIngestion();
    setup.runs.claim = async () => {
      throw new Error("database down");
    };
    expect(await runScheduledIngestion(setup.deps)).toBeUndefined();
    expect(setup.metrics.runs).toEqual(["cron:failed"]);
  });

  test("a manual run that cannot be recorded throws, and is counted as failed", async () => {
    const setup = fakeIngestion();
    setup.runs.claim = async () => {
      throw new Error("database down");
    };
    await expect(runManualIngestion(setup.deps)).rejects.toThrow("database down");
    expect(setup.metrics.runs).toEqual(["manual:failed"]);
  });
});
