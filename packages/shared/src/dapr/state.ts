import { DaprError } from "./errors.ts";
import { jsonOrUndefined, type SidecarTransport } from "./transport.ts";

export type Concurrency = "first-write" | "last-write";

export interface StateItem<T> {
  key: string;
  value: T;
  /** When given, the write succeeds only if the stored ETag still matches. */
  etag?: string | undefined;
  concurrency?: Concurrency;
  ttlInSeconds?: number;
}

export interface StateEntry<T> {
  value: T;
  etag: string | undefined;
}

export type TransactionOperation =
  | {
      operation: "upsert";
      key: string;
      value: unknown;
      etag?: string;
      concurrency?: Concurrency;
      ttlInSeconds?: number;
    }
  | { operation: "delete"; key: string; etag?: string };

/** The narrow port a service uses for one state store (shaped like Dapr's state building block). */
export interface StateStore {
  readonly name: string;
  get<T>(key: string): Promise<StateEntry<T> | undefined>;
  save<T>(items: StateItem<T>[]): Promise<void>;
  bulkGet<T>(keys: string[]): Promise<Map<string, StateEntry<T>>>;
  delete(key: string, etag?: string): Promise<void>;
  transaction(operations: TransactionOperation[]): Promise<void>;
}

const toRequest = (item: Omit<StateItem<unknown>, "value"> & { value?: unknown }) => ({
  key: item.key,
  ...("value" in item ? { value: item.value } : {}),
  ...(item.etag !== undefined ? { etag: item.etag } : {}),
  ...(item.concurrency ? { options: { concurrency: item.concurrency, consistency: "strong" } } : {}),
  ...(item.ttlInSeconds !== undefined ? { metadata: { ttlInSeconds: String(item.ttlInSeconds) } } : {}),
});

/**
 * Dapr state API over HTTP. ETag conflicts surface as `EtagMismatchError`; nothing is swallowed.
 * @example const cache = stateStore(transport, "cache"); await cache.save([{ key: "rate:USD", value }]);
 */
export const stateStore = (transport: SidecarTransport, name: string): StateStore => {
  const base = `/v1.0/state/${encodeURIComponent(name)}`;
  return {
    name,
    async get<T>(key: string) {
      const res = await transport.send(
        `state get ${name}`,
        `${base}/${encodeURIComponent(key)}?consistency=strong`,
      );
      if (res.status === 204 || res.body === "") return undefined;
      return { value: JSON.parse(res.body) as T, etag: res.headers.get("etag") ?? undefined };
    },
    async save<T>(items: StateItem<T>[]) {
      if (items.length === 0) return;
      await transport.send(`state save ${name}`, base, { body: items.map(toRequest) });
    },
    async bulkGet<T>(keys: string[]) {
      const found = new Map<string, StateEntry<T>>();
      if (keys.length === 0) return found;
      const res = await transport.send(`state bulk get ${name}`, `${base}/bulk?consistency=strong`, {
        body: { keys, parallelism: 8 },
      });
      const rows = (jsonOrUndefined(res.body) ?? []) as {
        key: string;
        data?: T;
        etag?: string;
        error?: string;
      }[];
      for (const row of rows) {
        // The sidecar answers 200 with a per-key error when the store failed (e.g. Redis is down).
        if (row.error) throw new DaprError(`state bulk get ${name}`, 500, `${row.key}: ${row.error}`);
        if (row.data !== undefined) found.set(row.key, { value: row.data, etag: row.etag });
      }
      return found;
    },
    async delete(key: string, etag?: string) {
      await transport.send(`state delete ${name}`, `${base}/${encodeURIComponent(key)}`, {
        method: "DELETE",
        headers: etag ? { "If-Match": etag } : {},
      });
    },
    async transaction(operations: TransactionOperation[]) {
      if (operations.length === 0) return;
      const body = {
        operations: operations.map(({ operation, ...item }) => ({ operation, request: toRequest(item) })),
      };
      await transport.send(`state transaction ${name}`, `${base}/transaction`, { body });
    },
  };
};
