import { describe, expect, test } from "bun:test";
import { isAppError, type RatesUpdatedEvent, storedCachedRate } from "@trip/shared";
import { putRates } from "../testing/fake-stores.ts";
import { cachedRate, quote } from "../testing/quotes.ts";
import { readerOverFakes } from "../testing/reader-over-fakes.ts";

const setup = () => readerOverFakes();

const errorCodeOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => "no error",
    (err) => (isAppError(err) ? err.code : String(err)),
  );

const event = (batch: string, observedAt: string, usd: number): RatesUpdatedEvent => ({
  batch_id: batch,
  provider: "fx-sandbox",
  observed_at: observedAt,
  collected_at: observedAt,
  rates: [{ currency_code: "USD", rate: usd, tts: null, ttb: null, unit: 1 }],
});

describe("RateReader: hot path", () => {
  test("within the TTL, reads are served from memory without touching the cache store", async () => {
    const { store, reader, clock, metrics } = setup();
    putRates(store, [cachedRate("USD", 1392.4)]);
    expect((await reader.read("all")).source).toBe("cache");
    clock.advance(4999);
    await reader.read(["USD"]);
    expect(store.reads).toBe(1);
    clock.advance(1);
    await reader.read(["USD"]);
    expect(store.reads).toBe(2);
    expect(metrics.render()).toContain('cache_requests_total{result="hit"} 3');
  });
  test("peek: the whole book from memory, nothing while empty; past the TTL it refreshes in the background", async () => {
    const { store, reader, clock, metrics } = setup();
    putRates(store, [cachedRate("USD", 1392.4)]);
    expect(reader.peek()).toBeUndefined();
    await reader.read("all");
    const view = reader.peek();
    expect(view?.source).toBe("cache");
    expect(view?.book.quotes.get("USD")?.krwPerUnit).toBe(1392.4);
    expect(store.reads).toBe(1);
    expect(metrics.render()).toContain('cache_requests_total{result="hit"} 2');
    putRates(store, [cachedRate("USD", 1400, { observed_at: "2026-11-27T03:02:00.000Z" })]);
    clock.advance(5000);
    expect(reader.peek()?.book.quotes.get("USD")?.krwPerUnit).toBe(1392.4);
    reader.peek();
    await Bun.sleep(0);
    expect(store.reads).toBe(2);
    expect(reader.peek()?.book.quotes.get("USD")?.krwPerUnit).toBe(1400);
  });
  test("peek labels a book read from MariaDB as such", async () => {
    const { store, database, reader } = setup();
    store.down = true;
    database.quotes = [quote("USD", 1392.4)];
    await reader.read("all");
    expect(reader.peek()?.source).toBe("database");
  });
  test("concurrent reads after the TTL share one cache read", async () => {
    const { store, reader } = setup();
    putRates(store, [cachedRate("USD", 1392.4)]);
    await Promise.all([reader.read("all"), reader.read(["USD"]), reader.read("all")]);
    expect(store.reads).toBe(1);
  });
  test("an event is served at once, without waiting for the TTL; redelivery and older batches change nothing", async () => {
    const { store, reader } = setup();
    putRates(store, [cachedRate("USD", 1392.4)]);
    await reader.read("all");
    expect(reader.applyEvent(event("b2", "2026-11-27T03:02:00.000Z", 1395))).toBe("applied");
    expect((await reader.read(["USD"])).book.quotes.get("USD")?.krwPerUnit).toBe(1395);
    expect(reader.applyEvent(event("b2", "2026-11-27T03:02:00.000Z", 1395))).toBe("duplicate");
    expect(reader.applyEvent(event("b0", "2026-11-27T02:58:00.000Z", 1380))).toBe("stale");
    expect(reader.current.quotes.get("USD")?.krwPerUnit).toBe(1395);
  });
});

describe("RateReader: fallbacks", () => {
  test("an event arriving while MariaDB is being read is kept", async () => {
    const { database, reader } = setup();
    database.quotes = [quote("USD", 1390)];
    let answer = () => {};
    database.slow = new Promise<void>((resolve) => {
      answer = resolve;
    });
    const reading = reader.read("all");
    await Bun.sleep(1);
    expect(reader.applyEvent(event("b2", "2026-11-27T03:02:00.000Z", 1395))).toBe("applied");
    answer();
    await reading;
    expect(reader.current.quotes.get("USD")?.krwPerUnit).toBe(1395);
  });
  test("cache miss → MariaDB (source database), the keys are refilled, later reads come from the cache", async () => {
    const { store, database, reader, clock } = setup();
    database.quotes = [quote("USD", 1392.4), quote("JPY", 9.5)];
    const first = await reader.read("all");
    expect(first.source).toBe("database");
    expect(first.book.quotes.get("JPY")?.origin).toBe("database");
    expect([...store.dump().keys()].sort()).toEqual(["rate:JPY", "rate:USD", "rates:latest"]);
    clock.advance(5000);
    expect((await reader.read("all")).source).toBe("cache");
  });
  test("a deleted cache key is noticed on the next re-read: database, then refilled", async () => {
    const { store, database, reader, clock } = setup();
    putRates(store, [cachedRate("USD", 1392.4)]);
    database.quotes = [quote("USD", 1392.4)];
    await reader.read("all");
    store.clear();
    clock.advance(5000);
    expect((await reader.read(["USD"])).source).toBe("database");
    expect(store.dump().has("rate:USD")).toBe(true);
  });
  test("a malformed cache entry counts as a miss and is overwritten with the database's value", async () => {
    const { store, database, reader, clock } = setup();
    store.seed("rate:USD", { ...cachedRate("USD", 1392.4), tts: 0 });
    database.quotes = [quote("USD", 1392.4)];
    expect((await reader.read(["USD"])).source).toBe("database");
    expect(store.dump().get("rate:USD")).toEqual(storedCachedRate(cachedRate("USD", 1392.4)));
    clock.advance(5000);
    expect((await reader.read(["USD"])).source).toBe("cache");
  });
  test("cache down → MariaDB; nothing is written while it is down; it is refilled once it is back", async () => {
    const { store, database, reader, clock } = setup();
    store.down = true;
    database.quotes = [quote("USD", 1392.4)];
    expect((await reader.read(["USD"])).source).toBe("database");
    expect(store.writes).toEqual([]);
    store.down = false;
    clock.advance(5000);
    expect((await reader.read(["USD"])).source).toBe("database");
    expect(store.writes).toContain("rate:USD");
    clock.advance(5000);
    expect((await reader.read(["USD"])).source).toBe("cache");
  });
  test("back from an outage still holding older values, the cache is overwritten with MariaDB's newer ones", async () => {
    const { store, database, reader, clock } = setup();
    putRates(store, [cachedRate("USD", 1390)]);
    await reader.read("all");
    store.down = true;
    database.quotes = [quote("USD", 1395, { observedAt: new Date("2026-11-27T03:02:00Z") })];
    clock.advance(5000);
    expect((await reader.read(["USD"])).source).toBe("database");
    store.down = false;
    clock.advance(5000);
    await reader.read(["USD"]);
    expect(store.dump().get("rate:USD")).toMatchObject({
      rate: "1395.00000000",
      observed_at: "2026-11-27T03:02:00.000Z",
    });
    clock.advance(5000);
    expect(await reader.read(["USD"])).toMatchObject({ source: "cache" });
    expect(reader.current.quotes.get("USD")?.krwPerUnit).toBe(1395);
  });
  test("a currency the cache lacks is read from MariaDB; absent everywhere, MariaDB is asked once per TTL", async () => {
    const { store, database, reader } = setup();
    putRates(store, [cachedRate("USD", 1392.4)]);
    database.quotes = [quote("USD", 1392.4), quote("THB", 40.1)];
    expect((await reader.read(["USD"])).source).toBe("cache");
    const thb = await reader.read(["THB"]);
    expect(thb).toMatchObject({ source: "database" });
    expect(store.dump().has("rate:THB")).toBe(true);
    const callsBefore = database.latestCalls;
    await reader.read(["VND"]);
    await reader.read(["VND"]);
    expect(database.latestCalls - callsBefore).toBeLessThanOrEqual(1);
    expect(reader.current.quotes.has("VND")).toBe(false);
  });
  test("both stores down with nothing in memory: 503 CACHE_UNAVAILABLE", async () => {
    const { store, database, reader } = setup();
    store.down = true;
    database.down = true;
    expect(await errorCodeOf(reader.read("all"))).toBe("CACHE_UNAVAILABLE");
  });
  test("cache answers but misses and MariaDB is down: 503 DATABASE_UNAVAILABLE", async () => {
    const { database, reader } = setup();
    database.down = true;
    expect(await errorCodeOf(reader.read(["USD"]))).toBe("DATABASE_UNAVAILABLE");
  });
  test("both down but rates in memory: they are served with their own (old) observation time", async () => {
    const { store, database, reader, clock } = setup();
    putRates(store, [cachedRate("USD", 1392.4)]);
    await reader.read("all");
    store.down = true;
    database.down = true;
    clock.advance(3_600_000);
    const view = await reader.read(["USD"]);
    expect(view.book.quotes.get("USD")?.observedAt.toISOString()).toBe("2026-11-27T03:00:00.000Z");
  });
  test("MariaDB reachable but empty (fresh install): no error from the reader, an empty book", async () => {
    const { reader } = setup();
    expect((await reader.read("all")).book.quotes.size).toBe(0);
  });
});
