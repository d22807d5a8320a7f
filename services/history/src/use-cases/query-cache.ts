import type { Clock } from "@trip/shared";

export interface QueryCacheOptions {
  clock: Clock;
  /**
   * Upper bound on staleness. `exchange-rates.updated` clears the cache, but pub/sub delivers each event
   * to one replica of the app id only, so the other replicas rely on this expiry.
   */
  ttlMs: number;
  maxEntries: number;
}

export interface QueryCache {
  /** The cached value for `key`, or `compute()`'s; concurrent misses of one key share one computation. */
  getOrCompute<T>(key: string, compute: () => Promise<T>): Promise<T>;
  clear(): void;
  readonly size: number;
}

/**
 * In-process cache of computed responses. Failures are never cached; a `clear()` during a computation
 * keeps that (possibly stale) result out of the cache.
 */
export const createQueryCache = (options: QueryCacheOptions): QueryCache => {
  const entries = new Map<string, { value: unknown; expiresAt: number }>();
  const inFlight = new Map<string, Promise<unknown>>();
  let generation = 0;

  const getOrCompute = async <T>(key: string, compute: () => Promise<T>): Promise<T> => {
    const now = options.clock.now().getTime();
    const hit = entries.get(key);
    if (hit && hit.expiresAt > now) return hit.value as T;
    if (hit) entries.delete(key);
    const pending = inFlight.get(key);
    if (pending) return pending as Promise<T>;
    const startedIn = generation;
    const computation = compute().then((value) => {
      if (startedIn === generation) {
        if (entries.size >= options.maxEntries) {
          const oldest = entries.keys().next().value;
          if (oldest !== undefined) entries.delete(oldest);
        }
        entries.set(key, { value, expiresAt: options.clock.now().getTime() + options.ttlMs });
      }
      return value;
    });
    inFlight.set(key, computation);
    const settle = () => {
      if (inFlight.get(key) === computation) inFlight.delete(key);
    };
    // The caller handles a rejection; this branch only forgets the computation.
    computation.then(settle, settle);
    return computation;
  };

  return {
    getOrCompute,
    clear: () => {
      generation++;
      entries.clear();
      inFlight.clear();
    },
    get size() {
      return entries.size;
    },
  };
};
