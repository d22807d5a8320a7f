import {
  type Clock,
  DaprError,
  EtagMismatchError,
  SidecarUnavailableError,
  type StateEntry,
  type StateItem,
  type StateStore,
  systemClock,
  type TransactionOperation,
} from "@trip/shared";

/** The calls a test can intercept, by the name the port gives them. */
export type StateOperation = "get" | "bulkGet" | "save" | "delete" | "transaction";

export interface InMemoryStateStore extends StateStore {
  /** When true every call fails as an unreachable sidecar does (`SidecarUnavailableError`). */
  down: boolean;
  /** `get` and `bulkGet` calls answered so far (one per call, not per key). */
  reads: number;
  /** Keys written by `save` and transactions, in order. */
  readonly writes: string[];
  /** Called before each key of each call; throw from it to simulate a failure or a crash at that point. */
  intercept: ((operation: StateOperation, key: string) => void) | undefined;
  /** Called after a save of `key` landed; throw from it to simulate a write whose answer was lost. */
  afterSave: ((key: string) => void) | undefined;
  /** Stores `value` as another writer would (plain save, no ETag), without counting it as a write. */
  seed(key: string, value: unknown): void;
  /** Current contents (JSON copies, expired keys left out), for assertions. */
  dump(): Map<string, unknown>;
  /** The TTL the current value of `key` was saved with, in seconds; undefined without one. */
  ttlOf(key: string): number | undefined;
  /** Forgets every key (an evicted or flushed cache). */
  clear(): void;
}

interface Stored {
  json: string;
  version: number;
  /** Created or written with first-write: state.redis then refuses a plain save without ETag. */
  firstWrite: boolean;
  ttlSeconds: number | undefined;
  expiresAt: number | undefined;
}

/**
 * Answers after the callers already waiting, as a sidecar answers later than the call: concurrent callers
 * interleave, yet a test's `await Bun.sleep(0)` still sees a background call finished.
 */
const yieldTurn = async () => {
  for (let turn = 0; turn < 3; turn++) await Promise.resolve();
};

/**
 * A state store for unit tests that behaves as the Dapr state API over `state.redis` (the `cache` and,
 * locally, ranking's stores) — the quirks tests/state-stores pins, not an idealised map:
 * - values travel as JSON: a read returns a fresh copy, never the object that was saved;
 * - a missing key reads as `undefined`; `bulkGet` leaves missing keys out;
 * - every write bumps a numeric ETag; a stale ETag is refused with 409 (`EtagMismatchError`), a
 *   non-numeric one with 400; an ETag on a key that does not exist creates it;
 * - first-write without ETag over an existing key is refused with 500 only when that key was itself
 *   written with first-write, and then so is a plain save without ETag (state.redis's flag);
 * - delete with a stale ETag is 409, of a missing key with any ETag succeeds;
 * - bulk saves are not atomic (items before a refused one stay), and neither are transactions: a stale
 *   ETag fails the whole call with 500 `ERR_STATE_TRANSACTION`, keeping the operations before it;
 * - `ttlInSeconds` expires a value on the given clock.
 * The other stores differ on some of these (tests/state-stores/support/known-differences.ts); code must
 * not rely on them, and a test that needs another store's answer should intercept the call instead.
 * @example const store = inMemoryStateStore("cache"); store.seed("rate:USD", rate); store.down = true;
 */
export const inMemoryStateStore = (name = "memory", clock: Clock = systemClock): InMemoryStateStore => {
  const data = new Map<string, Stored>();
  const now = () => clock.now().getTime();
  const live = (key: string): Stored | undefined => {
    const stored = data.get(key);
    if (stored?.expiresAt !== undefined && stored.expiresAt <= now()) {
      data.delete(key);
      return undefined;
    }
    return stored;
  };
  const reachable = (operation: string) => {
    if (self.down) throw new SidecarUnavailableError(operation, new Error("connection refused"));
  };
  const entryOf = <T>(stored: Stored): StateEntry<T> => ({
    value: JSON.parse(stored.json) as T,
    etag: String(stored.version),
  });

  /** One write as state.redis's set script decides it; throws what the sidecar answers. */
  const write = (operation: string, item: StateItem<unknown>, refused: (message: string) => Error) => {
    const stored = live(item.key);
    if (item.etag !== undefined && !/^\d+$/.test(item.etag))
      throw new DaprError(operation, 400, `invalid etag value: ${item.etag}`, "ERR_STATE_SAVE");
    const firstWrite = item.concurrency === "first-write";
    // state.redis's set script: a missing key, the current ETag, or no ETag over a key never written
    // with first-write.
    if (stored && (item.etag !== undefined ? item.etag !== String(stored.version) : stored.firstWrite))
      throw refused(`failed to set key ${item.key}`);
    const ttlSeconds =
      item.ttlInSeconds !== undefined && item.ttlInSeconds > 0 ? item.ttlInSeconds : undefined;
    data.set(item.key, {
      json: JSON.stringify(item.value),
      version: (stored?.version ?? 0) + 1,
      firstWrite: firstWrite || (stored?.firstWrite ?? false),
      ttlSeconds,
      expiresAt: ttlSeconds === undefined ? undefined : now() + ttlSeconds * 1000,
    });
    self.writes.push(item.key);
  };
  const saveRefusal = (operation: string, item: StateItem<unknown>) => (message: string) =>
    item.etag !== undefined
      ? new EtagMismatchError(operation, `possible etag mismatch. error from state store: ${message}`)
      : new DaprError(operation, 500, message, "ERR_STATE_SAVE");

  const remove = (operation: string, key: string, etag: string | undefined) => {
    const stored = live(key);
    if (etag !== undefined && !/^\d+$/.test(etag))
      throw new DaprError(operation, 400, `invalid etag value: ${etag}`, "ERR_STATE_DELETE");
    if (etag !== undefined && stored && String(stored.version) !== etag)
      throw new EtagMismatchError(operation, "possible etag mismatch");
    data.delete(key);
  };

  const self: InMemoryStateStore = {
    name,
    down: false,
    reads: 0,
    writes: [],
    intercept: undefined,
    afterSave: undefined,
    async get<T>(key: string) {
      await yieldTurn();
      reachable(`state get ${name}`);
      self.intercept?.("get", key);
      self.reads++;
      const stored = live(key);
      return stored && entryOf<T>(stored);
    },
    async bulkGet<T>(keys: string[]) {
      await yieldTurn();
      reachable(`state bulk get ${name}`);
      const found = new Map<string, StateEntry<T>>();
      if (keys.length === 0) return found;
      self.reads++;
      for (const key of keys) {
        self.intercept?.("bulkGet", key);
        const stored = live(key);
        if (stored) found.set(key, entryOf<T>(stored));
      }
      return found;
    },
    async save<T>(items: StateItem<T>[]) {
      if (items.length === 0) return;
      await yieldTurn();
      const operation = `state save ${name}`;
      reachable(operation);
      for (const item of items) {
        self.intercept?.("save", item.key);
        write(operation, item, saveRefusal(operation, item));
        self.afterSave?.(item.key);
      }
    },
    async delete(key: string, etag?: string) {
      await yieldTurn();
      const operation = `state delete ${name}`;
      reachable(operation);
      self.intercept?.("delete", key);
      remove(operation, key, etag);
    },
    async transaction(operations: TransactionOperation[]) {
      if (operations.length === 0) return;
      await yieldTurn();
      const operation = `state transaction ${name}`;
      reachable(operation);
      const failed = (message: string) =>
        new DaprError(
          operation,
          500,
          `error while executing state transaction: ${message}`,
          "ERR_STATE_TRANSACTION",
        );
      for (const op of operations) {
        self.intercept?.("transaction", op.key);
        if (op.operation === "delete") {
          try {
            remove(operation, op.key, op.etag);
          } catch (err) {
            throw failed((err as Error).message);
          }
        } else {
          write(operation, op, failed);
        }
      }
    },
    seed(key, value) {
      const stored = data.get(key);
      data.set(key, {
        json: JSON.stringify(value),
        version: (stored?.version ?? 0) + 1,
        firstWrite: false,
        ttlSeconds: undefined,
        expiresAt: undefined,
      });
    },
    dump: () => {
      const contents = new Map<string, unknown>();
      for (const key of [...data.keys()]) {
        const stored = live(key);
        if (stored) contents.set(key, JSON.parse(stored.json));
      }
      return contents;
    },
    ttlOf: (key) => live(key)?.ttlSeconds,
    clear: () => data.clear(),
  };
  return self;
};
