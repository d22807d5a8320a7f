import { describe, expect, test } from "bun:test";
import { cachedRateSchema, latestRatesSnapshotSchema, ratesUpdatedEventSchema } from "@trip/shared";
import {
  cachedRates,
  cacheUpdate,
  rateRows,
  ratesUpdatedEvent,
  type StoredBatch,
} from "./rates-publication.ts";

const batch: StoredBatch = {
  batchId: "exchangerate-api-1795783440000",
  provider: "exchangerate-api",
  observedAt: new Date("2026-11-27T12:44:00Z"),
  collectedAt: new Date("2026-11-27T12:44:03.250Z"),
  rates: [
    { code: "JPY", rate: 9.27, tts: null, ttb: null, unit: 100 },
    { code: "USD", rate: 1469.85, tts: 1484.55, ttb: 1455.15, unit: 1 },
  ],
};

describe("what a stored batch publishes", () => {
  test("the event matches the shared schema and carries every rate per 1 unit with its unit", () => {
    const event = ratesUpdatedEvent(batch);
    expect(ratesUpdatedEventSchema.safeParse(event).success).toBe(true);
    expect(event).toEqual({
      batch_id: "exchangerate-api-1795783440000",
      provider: "exchangerate-api",
      observed_at: "2026-11-27T12:44:00.000Z",
      collected_at: "2026-11-27T12:44:03.250Z",
      rates: [
        { currency_code: "JPY", rate: 9.27, tts: null, ttb: null, unit: 100 },
        { currency_code: "USD", rate: 1469.85, tts: 1484.55, ttb: 1455.15, unit: 1 },
      ],
    });
  });

  test("an event without rates is refused before it reaches the broker", () => {
    expect(() => ratesUpdatedEvent({ ...batch, rates: [] })).toThrow();
  });

  test("rate:{CODE} values follow the shared cache schema", () => {
    const [jpy] = cachedRates(batch);
    expect(cachedRateSchema.parse(jpy)).toMatchObject({
      currency_code: "JPY",
      batch_id: batch.batchId,
      unit: 100,
    });
  });

  const older = (code: "EUR" | "USD" | "GBP", rate: number, observedAt: string) =>
    cachedRateSchema.parse({
      ...cachedRates(batch)[1],
      currency_code: code,
      rate,
      observed_at: observedAt,
      batch_id: "older",
    });
  const previousWith = (...rates: ReturnType<typeof older>[]) => ({
    batch_id: "older",
    provider: "exchangerate-api",
    observed_at: "2026-11-27T12:42:00.000Z",
    collected_at: "2026-11-27T12:42:01.000Z",
    rates: Object.fromEntries(rates.map((r) => [r.currency_code, r])),
  });

  test("rates:latest keeps recent currencies this batch lacks, and drops ones older than the TTL", () => {
    const previous = previousWith(
      older("EUR", 1705.3, "2026-11-27T12:42:00.000Z"),
      older("USD", 1460, "2026-11-27T12:42:00.000Z"),
      older("GBP", 1967, "2026-11-25T00:00:00.000Z"),
    );
    const update = cacheUpdate(batch, previous, new Date("2026-11-26T12:44:00Z"));
    expect(update?.rates.map((r) => r.currency_code)).toEqual(["JPY", "USD"]);
    const latest = latestRatesSnapshotSchema.parse(update?.latest);
    expect(Object.keys(latest.rates).sort()).toEqual(["EUR", "JPY", "USD"]);
    expect(latest.rates.USD?.rate).toBe(1469.85);
    expect(latest.rates.EUR?.batch_id).toBe("older");
    expect(latest.batch_id).toBe(batch.batchId);
  });

  test("the cache never moves back in time: a rate held from a later observation is kept", () => {
    const previous = previousWith(older("USD", 1471, "2026-11-27T12:46:00.000Z"));
    const update = cacheUpdate(batch, previous, new Date(0));
    expect(update?.rates.map((r) => r.currency_code)).toEqual(["JPY"]);
    expect(update?.latest.rates.USD?.rate).toBe(1471);
  });

  test("nothing to write when the cache holds later observations of every rate", () => {
    const previous = previousWith(older("USD", 1471, "2026-11-27T12:46:00.000Z"), {
      ...older("USD", 9.3, "2026-11-27T12:46:00.000Z"),
      currency_code: "JPY",
    });
    expect(cacheUpdate(batch, previous, new Date(0))).toBeUndefined();
  });

  test("rows carry the batch's provider, instants and id", () => {
    expect(rateRows(batch)[1]).toEqual({
      code: "USD",
      rate: 1469.85,
      tts: 1484.55,
      ttb: 1455.15,
      unit: 1,
      provider: "exchangerate-api",
      observedAt: batch.observedAt,
      collectedAt: batch.collectedAt,
      batchId: batch.batchId,
    });
  });
});
