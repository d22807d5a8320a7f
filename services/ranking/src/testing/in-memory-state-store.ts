import { DaprError, EtagMismatchError, type StateStore, type TransactionOperation } from "@trip/shared";

interface Stored {
  json: string;
  version: number;
}

export interface InMemoryStateStore extends StateStore {
  /** Raw contents (parsed), for assertions. */
  dump(): Map<string, unknown>;
  /** Called before every operation; throw from it to simulate a failure or a crash at that point. */
  intercept: ((operation: "get" | "save" | "bulkGet" | "delete", key: string) => void) | undefined;
  /** Called after a save landed; throw from it to simulate a write whose answer was lost. */
  afterSave: ((key: string) => void) | undefined;
}

/** Lets other pending operations run first, so concurrent callers really interleave. */
const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A state store with the Dapr semantics the service relies on: ETags (versions), first-write creates
 * that lose with an error (500, as state.redis answers), stale ETags refused with 409. Values are
 * stored as JSON, so callers never share objects with the store. TTLs are accepted and ignored.
 */
export const inMemoryStateStore = (name = "memory"): InMemoryStateStore => {
  const data = new Map<string, Stored>();
  const self: InMemoryStateStore = {
    name,
    intercept: undefined,
    afterSave: undefined,
    dump: () => new Map([...data].map(([k, v]) => [k, JSON.parse(v.json)])),
    async get<T>(key: string) {
      await yieldTurn();
      self.intercept?.("get", key);
      const stored = data.get(key);
      return stored && { value: JSON.parse(stored.json) as T, etag: String(stored.version) };
    },
    async bulkGet<T>(keys: string[]) {
      await yieldTurn();
      const found = new Map<string, { value: T; etag: string | undefined }>();
      for (const key of keys) {
        self.intercept?.("bulkGet", key);
        const stored = data.get(key);
        if (stored) found.set(key, { value: JSON.parse(stored.json) as T, etag: String(stored.version) });
      }
      return found;
    },
    async save(items) {
      await yieldTurn();
      for (const item of items) {
        self.intercept?.("save", item.key);
        const stored = data.get(item.key);
        if (item.etag !== undefined && stored && String(stored.version) !== item.etag)
          throw new EtagMismatchError(`state save ${name}`, "possible etag mismatch");
        if (item.etag === undefined && item.concurrency === "first-write" && stored)
          throw new DaprError(`state save ${name}`, 500, `failed to set key ${item.key}`, "ERR_STATE_SAVE");
        data.set(item.key, { json: JSON.stringify(item.value), version: (stored?.version ?? 0) + 1 });
        self.afterSave?.(item.key);
      }
    },
    async delete(key, etag) {
      await yieldTurn();
      self.intercept?.("delete", key);
      const stored = data.get(key);
      if (etag !== undefined && stored && String(stored.version) !== etag)
        throw new EtagMismatchError(`state delete ${name}`, "possible etag mismatch");
      data.delete(key);
    },
    async transaction(_operations: TransactionOperation[]) {
      throw new Error("the ranking service does not use state transactions");
    },
  };
  return self;
};
