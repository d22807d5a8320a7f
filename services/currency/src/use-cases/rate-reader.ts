import {
  type Clock,
  HOME_CURRENCY,
  type Logger,
  type MetricsRegistry,
  RATE_CACHE_KEYS,
  type RatesUpdatedEvent,
  storeUnavailable,
} from "@trip/shared";
import { emptyRateBook, mergeQuotes, type RateBook } from "../domain/rate-book.ts";
import { type RateOrigin, type RateQuote, sourceOf } from "../domain/rate-quote.ts";
import { quotesOfEvent } from "../domain/rates-event.ts";
import { refillPlan } from "../domain/refill-plan.ts";
import type { RateCache, RateDatabase } from "./ports.ts";
import { singleFlight } from "./single-flight.ts";

export interface RateReaderOptions {
  cache: RateCache;
  database: RateDatabase;
  clock: Clock;
  log: Logger;
  metrics: MetricsRegistry;
  /** How long the in-process book is served before the cache store is read again. */
  ttlMs: number;
}

/** The book a request is answered from, and where the quotes it needs came from. */
export interface RateView {
  readonly book: RateBook;
  readonly source: RateOrigin;
}

/** Which currencies a request needs: explicit codes, or every currency that has a rate. */
export type NeededRates = readonly string[] | "all";

type StoreState = "unknown" | "up" | "down";

/**
 * The read path: an in-process book of the latest quote per currency, fed by `exchange-rates.updated`
 * and by re-reading the cache store at most once per TTL; MariaDB when the cache misses or is down, and
 * the missing cache keys written back afterwards. Hot reads cost no sidecar round trip.
 */
export class RateReader {
  private book: RateBook = emptyRateBook;
  private cacheReadAt = Number.NEGATIVE_INFINITY;
  private cacheState: StoreState = "unknown";
  /** Observation time under each cache key as of the last read (and the refills since). */
  private cacheKeys: ReadonlyMap<string, Date> = new Map();
  private databaseReadAt = Number.NEGATIVE_INFINITY;
  private databaseState: StoreState = "unknown";
  private readonly appliedBatches: string[] = [];
  private readonly refresh = singleFlight(() => this.refreshFromCache());
  private readonly fallBack = singleFlight(() => this.readDatabase());
  private bookSource: { version: number; source: RateOrigin } = { version: -1, source: "cache" };
  private readonly hits;
  private readonly misses;
  private readonly refills;

  constructor(private readonly options: RateReaderOptions) {
    const requests = options.metrics.counter(
      "cache_requests_total",
      "Rate reads by result (hit = cache store or its in-process copy)",
    );
    this.hits = requests.bind({ result: "hit" });
    this.misses = requests.bind({ result: "miss" });
    this.refills = options.metrics.counter(
      "cache_refill_keys_total",
      "Cache keys written back after a database fallback",
    );
  }

  /** The current book, as last merged (no I/O). */
  get current(): RateBook {
    return this.book;
  }

  /**
   * The book for one request: re-read from the cache once the TTL has passed, completed from MariaDB
   * when a needed currency is missing. Throws CACHE_UNAVAILABLE / DATABASE_UNAVAILABLE (503) only when
   * a needed currency is missing and the stores that could supply it did not answer.
   */
  async read(needed: NeededRates): Promise<RateView> {
    if (this.options.clock.now().getTime() - this.cacheReadAt >= this.options.ttlMs || this.refresh.running)
      await this.refresh.run();
    if (this.missing(needed).length > 0 && this.databaseDue()) await this.fallBack.run();
    if (this.missing(needed).length > 0 && this.databaseState === "down") {
      const details = { cache: this.cacheState, database: this.databaseState };
      throw this.cacheState === "down"
        ? storeUnavailable("cache", "Neither the rate cache nor the database is reachable", { details })
        : storeUnavailable("database", "The rate database is not reachable", { details });
    }
    const source = sourceOf(this.neededQuotes(needed));
    (source === "cache" ? this.hits : this.misses).inc();
    return { book: this.book, source };
  }

  /**
   * The whole book without waiting, counted like `read("all")`; undefined while it is empty (then
   * `read` decides). Past the TTL it still answers at once and starts the refresh in the background
   * (stale-while-revalidate: at most one TTL plus one cache round trip behind, and events arrive
   * sooner anyway), so no request of the hot path waits for the cache store.
   */
  peek(): RateView | undefined {
    if (this.book.quotes.size === 0) return undefined;
    if (this.options.clock.now().getTime() - this.cacheReadAt >= this.options.ttlMs && !this.refresh.running)
      this.refresh.run().catch((err) => this.options.log.warn("background rate refresh failed", { err }));
    if (this.bookSource.version !== this.book.version)
      this.bookSource = { version: this.book.version, source: sourceOf(this.neededQuotes("all")) };
    (this.bookSource.source === "cache" ? this.hits : this.misses).inc();
    return { book: this.book, source: this.bookSource.source };
  }

  /** Applies an `exchange-rates.updated` event; idempotent on batch_id, never replacing newer quotes. */
  applyEvent(event: RatesUpdatedEvent): "applied" | "duplicate" | "stale" {
    if (this.appliedBatches.includes(event.batch_id)) return "duplicate";
    this.appliedBatches.push(event.batch_id);
    if (this.appliedBatches.length > 64) this.appliedBatches.shift();
    const before = this.book;
    this.book = mergeQuotes(this.book, quotesOfEvent(event));
    return this.book === before ? "stale" : "applied";
  }

  private missing(needed: NeededRates): string[] {
    if (needed === "all") return this.book.quotes.size === 0 ? ["*"] : [];
    return needed.filter((code) => code !== HOME_CURRENCY && !this.book.quotes.has(code));
  }

  private neededQuotes(needed: NeededRates): RateQuote[] {
    if (needed === "all") return [...this.book.quotes.values()];
    return needed.flatMap((code) => {
      const quote = this.book.quotes.get(code);
      return quote ? [quote] : [];
    });
  }

  private databaseDue(): boolean {
    return this.options.clock.now().getTime() - this.databaseReadAt >= this.options.ttlMs;
  }

  private async refreshFromCache(): Promise<void> {
    this.cacheReadAt = this.options.clock.now().getTime();
    try {
      const contents = await this.options.cache.readAll();
      if (this.cacheState === "down") this.options.log.info("rate cache reachable again");
      this.cacheState = "up";
      this.cacheKeys = contents.keys;
      this.book = mergeQuotes(this.book, contents.quotes);
    } catch (err) {
      if (this.cacheState !== "down")
        this.options.log.warn("rate cache unavailable; reading MariaDB", { err });
      this.cacheState = "down";
      await this.readDatabase();
      return;
    }
    // A key gone from the cache (deleted, expired, malformed) is a miss: MariaDB says what is current.
    const cacheLacks = [...this.book.quotes.keys()].some(
      (code) => !this.cacheKeys.has(RATE_CACHE_KEYS.rate(code)),
    );
    if (this.book.quotes.size === 0 || cacheLacks) await this.readDatabase();
    else await this.refillCache();
  }

  private async readDatabase(): Promise<void> {
    this.databaseReadAt = this.options.clock.now().getTime();
    try {
      // Await first: merging into the book as it was before the await would drop what arrived meanwhile.
      const quotes = await this.options.database.latestQuotes();
      this.book = mergeQuotes(this.book, quotes);
      this.databaseState = "up";
    } catch (err) {
      if (this.databaseState !== "down") this.options.log.warn("rate database unavailable", { err });
      this.databaseState = "down";
      return;
    }
    if (this.cacheState === "up") await this.refillCache();
  }

  /**
   * Best effort: writes back the database quotes the cache lacks or holds older values of (e.g. after
   * an outage), so it heals without a restart or a new ingestion.
   */
  private async refillCache(): Promise<void> {
    const plan = refillPlan(this.book, this.cacheKeys);
    if (plan.rates.length === 0 && plan.snapshot === undefined) return;
    try {
      const written = await this.options.cache.refill(plan.rates, plan.snapshot);
      this.cacheKeys = new Map([...this.cacheKeys, ...plan.writes]);
      this.refills.inc({}, written.length);
      this.options.log.info("rate cache refilled from MariaDB", { keys: written });
    } catch (err) {
      this.options.log.warn("rate cache refill failed; will retry on a later read", { err });
    }
  }
}
