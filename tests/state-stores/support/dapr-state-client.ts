// The Dapr state HTTP API as the ranking service calls it: plain fetch, no SDK.

export type SaveOptions = {
  etag?: string;
  concurrency?: "first-write" | "last-write";
  ttlInSeconds?: number;
};

export type StateRead<T> = { found: false } | { found: true; value: T; etag: string; headers: Headers };

export type BulkItem = { key: string; data?: unknown; etag?: string; error?: string };

export type TransactionOperation =
  | { operation: "upsert"; request: { key: string; value: unknown; etag?: string } }
  | { operation: "delete"; request: { key: string; etag?: string } };

export type DaprStateClient = ReturnType<typeof createDaprStateClient>;

/** Wraps `/v1.0/state/<store>` on one sidecar; every call returns the HTTP status it got. */
export function createDaprStateClient(baseUrl: string, store: string) {
  const stateUrl = `${baseUrl}/v1.0/state/${encodeURIComponent(store)}`;

  async function save(key: string, value: unknown, options: SaveOptions = {}): Promise<number> {
    const item = {
      key,
      value,
      ...(options.etag === undefined ? {} : { etag: options.etag }),
      ...(options.concurrency === undefined ? {} : { options: { concurrency: options.concurrency } }),
      ...(options.ttlInSeconds === undefined
        ? {}
        : { metadata: { ttlInSeconds: String(options.ttlInSeconds) } }),
    };
    const response = await fetch(stateUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify([item]),
    });
    await response.arrayBuffer();
    return response.status;
  }

  async function get<T>(key: string): Promise<StateRead<T>> {
    const response = await fetch(`${stateUrl}/${encodeURIComponent(key)}`);
    if (response.status === 204) return { found: false };
    if (response.status !== 200) {
      throw new Error(`GET state ${key}: ${response.status} ${await response.text()}`);
    }
    const etag = response.headers.get("etag");
    if (etag === null) throw new Error(`GET state ${key}: no ETag header`);
    return { found: true, value: (await response.json()) as T, etag, headers: response.headers };
  }

  async function bulkGet(keys: string[]): Promise<BulkItem[]> {
    const response = await fetch(`${stateUrl}/bulk`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ keys, parallelism: 4 }),
    });
    if (response.status !== 200) {
      throw new Error(`bulk get: ${response.status} ${await response.text()}`);
    }
    return (await response.json()) as BulkItem[];
  }

  async function remove(key: string, etag?: string): Promise<number> {
    const response = await fetch(`${stateUrl}/${encodeURIComponent(key)}`, {
      method: "DELETE",
      headers: etag === undefined ? {} : { "if-match": etag },
    });
    await response.arrayBuffer();
    return response.status;
  }

  async function transact(operations: TransactionOperation[]): Promise<{ status: number; body: string }> {
    const response = await fetch(`${stateUrl}/transaction`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ operations }),
    });
    return { status: response.status, body: await response.text() };
  }

  return { save, get, bulkGet, remove, transact };
}
