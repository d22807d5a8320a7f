import { isEtagMismatch, type StateStore } from "@trip/shared";
import type { CreateOutcome } from "../use-cases/ports.ts";

/** Saves tried for one key when a refused save left it absent (e.g. a SQL store's deadlock victim). */
const CREATE_ATTEMPTS = 4;

/**
 * Creates `key` only if it does not exist yet (first-write concurrency), store-agnostically: stores differ
 * in how they refuse a lost first-write (Redis answers 500, others 409), so on any refusal the key is read
 * back — present means someone else created it (or our own write landed before an error); absent means
 * the write failed without effect (a SQL store's deadlock victim, say) and it is tried again, up to
 * `CREATE_ATTEMPTS` saves in all, before the error is rethrown.
 */
export const createIfAbsent = async <T>(
  store: StateStore,
  key: string,
  value: T,
  ttlSeconds = 0,
): Promise<CreateOutcome<T>> => {
  for (let attempt = 1; ; attempt++) {
    try {
      await store.save([
        { key, value, concurrency: "first-write", ...(ttlSeconds > 0 ? { ttlInSeconds: ttlSeconds } : {}) },
      ]);
      return { created: true };
    } catch (err) {
      const existing = await store.get<T>(key);
      if (existing) return { created: false, existing: existing.value };
      if (attempt >= CREATE_ATTEMPTS) throw err;
      await new Promise((resolve) => setTimeout(resolve, attempt * 5 + Math.random() * 10));
    }
  }
};

/**
 * Creates many keys only if absent, in one bulk save when it succeeds. When it is refused (a key existed,
 * or the store failed part-way — bulk saves are not atomic) every item is settled on its own with
 * `createIfAbsent`, so an item our own bulk save already wrote reads back as existing with our value.
 * Outcomes are in the order of `items`; a key given twice goes the one-by-one way.
 */
export const createManyIfAbsent = async <T>(
  store: StateStore,
  items: readonly { key: string; value: T }[],
  ttlSeconds = 0,
): Promise<CreateOutcome<T>[]> => {
  if (new Set(items.map((item) => item.key)).size === items.length) {
    try {
      await store.save(
        items.map(({ key, value }) => ({
          key,
          value,
          concurrency: "first-write" as const,
          ...(ttlSeconds > 0 ? { ttlInSeconds: ttlSeconds } : {}),
        })),
      );
      return items.map(() => ({ created: true }));
    } catch {
      // settled one by one below
    }
  }
  const outcomes: CreateOutcome<T>[] = [];
  for (const { key, value } of items) outcomes.push(await createIfAbsent(store, key, value, ttlSeconds));
  return outcomes;
};

/**
 * Replaces `key` only if it still has `etag` (or creates it when `etag` is undefined). false when another
 * writer got there first; the caller re-reads and decides again.
 */
export const compareAndSave = async <T>(
  store: StateStore,
  key: string,
  value: T,
  etag: string | undefined,
  ttlSeconds = 0,
): Promise<boolean> => {
  if (etag === undefined) return (await createIfAbsent(store, key, value, ttlSeconds)).created;
  try {
    await store.save([
      {
        key,
        value,
        etag,
        concurrency: "first-write",
        ...(ttlSeconds > 0 ? { ttlInSeconds: ttlSeconds } : {}),
      },
    ]);
    return true;
  } catch (err) {
    if (isEtagMismatch(err)) return false;
    throw err;
  }
};

/** Reads many keys in chunks (bulk requests stay small whatever the caller asks for). */
export const bulkRead = async <T>(
  store: StateStore,
  keys: readonly string[],
  chunkSize = 200,
): Promise<Map<string, { value: T; etag: string | undefined }>> => {
  const found = new Map<string, { value: T; etag: string | undefined }>();
  for (let i = 0; i < keys.length; i += chunkSize) {
    const part = await store.bulkGet<T>(keys.slice(i, i + chunkSize));
    for (const [key, entry] of part) found.set(key, entry);
  }
  return found;
};
