import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { cachedRateSchema, latestRatesSnapshotSchema, ratesUpdatedEventSchema } from "@trip/shared";
import { mariadb, secrets, waitFor } from "../support/stack.ts";
import {
  asServedRate,
  cachedTtl,
  cachedValue,
  currencyApi,
  currentSnapshotInstant,
  ingestor,
  newestStoredInstant,
  newTraceId,
  type RunJson,
  runNow,
  runRecord,
  runsThatStored,
  setSandboxMode,
  sqlInstant,
  stackProfile,
  storedRowCount,
  storedSnapshot,
  waitForIngestorReady,
  waitForProviderRecovered,
} from "./support/ingestion-stack.ts";
import { type RatesSubscriber, startRatesSubscriber } from "./support/rates-subscriber.ts";

const CATALOG_FOREIGN_CURRENCIES = 29;
const profile = stackProfile();
let subscriber: RatesSubscriber;
let first: RunJson;

beforeAll(async () => {
  await waitForIngestorReady();
  await setSandboxMode("normal");
  await waitForProviderRecovered();
  subscriber = await startRatesSubscriber(profile);
}, 200_000);
afterAll(() => subscriber?.stop());

describe(`one ingestion through the real sidecars (pub/sub profile: ${profile})`, () => {
  test("ends with rows in MariaDB, rate:{CODE} and rates:latest in Redis with a TTL, and an event on the broker", async () => {
    // The stack's own cron may already have stored the sandbox's current snapshot (and published it
    // before the subscriber listened). Removing those rows makes the snapshot new again, so whoever
    // stores it next — this run or a cron tick — publishes while the subscriber listens.
    const current = await currentSnapshotInstant();
    mariadb(
      `DELETE FROM exchange_rates WHERE provider = 'exchangerate-api' AND observed_at = '${sqlInstant(current)}'`,
    );
    const traceId = newTraceId();
    const { status, run } = await runNow(traceId);
    expect(status).toBe(200);
    first = run;
    expect(["succeeded", "unchanged"]).toContain(run.status);
    if (run.status === "succeeded") {
      expect(run).toMatchObject({
        inserted: CATALOG_FOREIGN_CURRENCIES,
        skipped: 0,
        published: true,
        error: null,
      });
    }
    const observedAt = new Date(run.observed_at as string);
    expect(storedRowCount("exchangerate-api", observedAt)).toBe(CATALOG_FOREIGN_CURRENCIES);
    expect(runRecord(run.run_id)?.[0]).toBe(run.status);

    const usd = cachedRateSchema.parse(await cachedValue("rate:USD"));
    expect(Date.parse(usd.observed_at)).toBeGreaterThanOrEqual(observedAt.getTime());
    expect(usd.rate).toBeGreaterThan(500);
    const jpy = cachedRateSchema.parse(await cachedValue("rate:JPY"));
    expect(jpy.unit).toBe(100);
    expect(jpy.rate).toBeLessThan(100);
    const latest = latestRatesSnapshotSchema.parse(await cachedValue("rates:latest"));
    expect(Object.keys(latest.rates).length).toBeGreaterThanOrEqual(CATALOG_FOREIGN_CURRENCIES);
    for (const key of ["rate:USD", "rates:latest"]) {
      const ttl = await cachedTtl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(86_400);
    }

    const batchId = run.batch_id as string;
    const [event] = await waitFor(
      "exchange-rates.updated for the batch",
      async () => {
        const events = subscriber.eventsFor(batchId);
        return events.length > 0 ? events : undefined;
      },
      { timeoutMs: profile === "kafka" ? 45_000 : 15_000 },
    );
    const data = ratesUpdatedEventSchema.parse(event?.data);
    expect(data).toMatchObject({
      batch_id: batchId,
      provider: "exchangerate-api",
      observed_at: run.observed_at,
    });
    expect(data.rates).toHaveLength(CATALOG_FOREIGN_CURRENCIES);
    // When this run was the one that stored the snapshot, the event is the one it published.
    if (run.status === "succeeded") expect(subscriber.eventsOfTrace(traceId)).toHaveLength(1);
  }, 90_000);

  test("a second run on the same provider snapshot inserts nothing and publishes nothing", async () => {
    // A 2-minute step may end between two runs; then the next pair is compared.
    let previous = first;
    let traceId = newTraceId();
    let second = (await runNow(traceId)).run;
    if (second.observed_at !== previous.observed_at) {
      previous = second;
      traceId = newTraceId();
      second = (await runNow(traceId)).run;
    }
    expect(second.observed_at).toBe(previous.observed_at);
    expect(second).toMatchObject({ status: "unchanged", inserted: 0, published: false });
    expect(second.skipped).toBe(CATALOG_FOREIGN_CURRENCIES);
    expect(storedRowCount("exchangerate-api", new Date(second.observed_at as string))).toBe(
      CATALOG_FOREIGN_CURRENCIES,
    );
    // Nothing reaches the broker from this run: no event carries its trace id, while the subscriber
    // demonstrably receives (it holds the event of the stored snapshot).
    await waitFor(
      "the stored snapshot's event",
      async () => subscriber.eventsFor(previous.batch_id as string).length > 0,
      {
        timeoutMs: profile === "kafka" ? 45_000 : 15_000,
      },
    );
    await Bun.sleep(profile === "kafka" ? 5_000 : 2_000);
    expect(subscriber.eventsOfTrace(traceId)).toEqual([]);
  }, 75_000);

  test("a run storing a snapshot latest has never served → latest serves exactly its stored rates, last_updated = its observed time", async () => {
    // A snapshot nothing has served yet: the sandbox's next 2-minute step, past both what `latest` serves
    // and what is stored. (Deleting stored rows, as above, would not do: latest still holds them.) Its
    // rates move on KST business days only, so on weekends last_updated alone tells it from the previous.
    const { body: before } = await currencyApi("/api/v1/currencies/latest");
    const served = Date.parse(before.data?.last_updated ?? "") || 0;
    const stored = newestStoredInstant("exchangerate-api")?.getTime() ?? 0;
    await waitFor(
      "the sandbox's next 2-minute snapshot",
      async () => (await currentSnapshotInstant()).getTime() > Math.max(served, stored),
      { timeoutMs: 150_000, intervalMs: 1_000 },
    );
    const { status, run } = await runNow();
    expect(status).toBe(200);
    const observedAt = new Date(run.observed_at as string);
    expect(observedAt.getTime()).toBeGreaterThan(Math.max(served, stored));

    // This run inserted the snapshot — or, when the stack's cron tick came first, that tick's run did
    // (and this one found nothing new). Exactly one run stored it, in one batch.
    const storers = runsThatStored("exchangerate-api", observedAt);
    expect(storers).toHaveLength(1);
    const [storerId = "", inserted = "", batchId = ""] = storers[0] ?? [];
    if (run.status === "succeeded") expect(storerId).toBe(run.run_id);
    else expect(run).toMatchObject({ status: "unchanged", inserted: 0 });
    const rows = storedSnapshot("exchangerate-api", observedAt);
    expect(rows.size).toBe(Number(inserted));
    expect(new Set([...rows.values()].map((row) => row.batchId))).toEqual(new Set([batchId]));

    // The parameterless route (the hot one every page load takes): every currency of the snapshot, each
    // the stored rate as the API documents its rounding, observed at the snapshot's instant.
    const latest = await waitFor(
      "latest to serve the new snapshot",
      async () => {
        const answer = await currencyApi("/api/v1/currencies/latest");
        return answer.status === 200 && answer.body.data.last_updated === run.observed_at
          ? answer.body.data
          : undefined;
      },
      { timeoutMs: profile === "kafka" ? 45_000 : 15_000 },
    );
    expect(latest.base).toBe("KRW");
    expect(latest.rates).toEqual(
      Object.fromEntries([...rows].map(([code, row]) => [code, asServedRate(row.rate)])),
    );
    expect(latest.timestamp).toBe(Math.floor(observedAt.getTime() / 1000));
  }, 240_000);

  test("the status route reports the last run, the next scheduled run and totals", async () => {
    const { status, body } = await ingestor("/api/v1/ingest/status");
    expect(status).toBe(200);
    expect(body.data).toMatchObject({ schedule: { binding: "cron-ingest", interval_seconds: 120 } });
    expect(body.data.last_run.status).toEqual(expect.any(String));
    expect(Date.parse(body.data.next_scheduled_run)).toBeGreaterThan(Date.now() - 5_000);
    expect(body.data.totals.runs).toBeGreaterThanOrEqual(2);
    expect(body.data.totals.rows_inserted).toBeGreaterThan(0);
  });
});

describe("exactly once per tick", () => {
  const tickKeyNow = () =>
    `cron-ingest:${new Date(Math.floor(Date.now() / 120_000) * 120_000).toISOString()}`;
  const fireCron = () =>
    ingestor("/cron-ingest", {
      method: "POST",
      headers: { "dapr-api-token": secrets()["app-api-token"] ?? "" },
    });

  test("three cron deliveries in one 2-minute window leave exactly one run row for the tick", async () => {
    // A window may end during the calls; then the next window is tried.
    for (let attempt = 0; attempt < 2; attempt++) {
      const tickKey = tickKeyNow();
      const answers = await Promise.all([fireCron(), fireCron(), fireCron()]);
      if (tickKeyNow() !== tickKey) continue;
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      const [[rows] = []] = mariadb(`SELECT COUNT(*) FROM ingest_runs WHERE tick_key = '${tickKey}'`);
      expect(rows).toBe("1");
      return;
    }
    throw new Error("two window boundaries in a row: the clock is not advancing normally");
  }, 60_000);
});

describe("admin routes", () => {
  test.each([
    ["/api/v1/ingest/run", undefined],
    ["/api/v1/ingest/run", "Bearer not-the-admin-token"],
    ["/api/v1/ingest/backfill?days=30", undefined],
  ])("POST %s with %p → 401", async (path, authorization) => {
    const headers: Record<string, string> = authorization ? { Authorization: authorization } : {};
    const { status, body } = await ingestor(path, { method: "POST", headers });
    expect(status).toBe(401);
    expect(body.error.code).toBe("UNAUTHORIZED");
  });

  test("the cron route refuses a caller that is not the sidecar", async () => {
    expect((await ingestor("/cron-ingest", { method: "POST" })).status).toBe(401);
  });
});
