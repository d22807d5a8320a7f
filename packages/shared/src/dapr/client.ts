import { type OutputBinding, outputBinding } from "./bindings.ts";
import { type DistributedLock, distributedLock } from "./lock.ts";
import { type Publisher, publisher } from "./pubsub.ts";
import { type SqlDatabase, sqlDatabase } from "./sql.ts";
import { type StateStore, stateStore } from "./state.ts";
import { type SidecarOptions, SidecarTransport } from "./transport.ts";

/** Everything a service may do with its sidecar. Build once in `main.ts`; hand narrow parts to adapters. */
export interface Sidecar {
  readonly transport: SidecarTransport;
  state(store: string): StateStore;
  binding(name: string): OutputBinding;
  sql(bindingName: string): SqlDatabase;
  publisher(pubsubName: string): Publisher;
  lock(store: string): DistributedLock;
  /** Reads one secret; a store returns a map (usually `{ [key]: value }`). */
  secret(store: string, key: string): Promise<string>;
  /**
   * Service invocation: calls `path` (with its query, percent-encoded as in a URL) on `appId` through
   * the sidecars; the app receives exactly that path. Returns the raw Response.
   */
  invoke(
    appId: string,
    path: string,
    init?: { method?: string; body?: string; headers?: Record<string, string> },
  ): Promise<Response>;
  /** `GET /v1.0/healthz`: true when the sidecar is up and its components are initialised. */
  healthy(): Promise<boolean>;
}

/**
 * The invocation URL's method part for `path`: daprd percent-decodes the method path once before calling
 * the app, so each `%` of the path (not of the query, which it passes on as is) is escaped once more —
 * else `c%25le` would reach its parser as the invalid escape `%le` and an encoded `?` or `/` would
 * change the route.
 */
const methodPath = (path: string): string => {
  const queryAt = path.indexOf("?");
  const pathname = queryAt === -1 ? path : path.slice(0, queryAt);
  const query = queryAt === -1 ? "" : path.slice(queryAt);
  return `${pathname.replace(/^\//, "").replaceAll("%", "%25")}${query}`;
};

/**
 * @example const sidecar = createSidecar({ baseUrl: "http://127.0.0.1:3501", apiToken: config.DAPR_API_TOKEN });
 */
export const createSidecar = (options: SidecarOptions): Sidecar => {
  const transport = new SidecarTransport(options);
  const fetchImpl = options.fetch ?? fetch;
  return {
    transport,
    state: (store) => stateStore(transport, store),
    binding: (name) => outputBinding(transport, name),
    sql: (name) => sqlDatabase(outputBinding(transport, name)),
    publisher: (name) => publisher(transport, name),
    lock: (store) => distributedLock(transport, store),
    async secret(store, key) {
      const res = await transport.send(
        `secret ${store}`,
        `/v1.0/secrets/${encodeURIComponent(store)}/${encodeURIComponent(key)}`,
      );
      const map = JSON.parse(res.body) as Record<string, string>;
      const value = map[key] ?? Object.values(map)[0];
      if (value === undefined) throw new Error(`secret ${store}/${key} is empty`);
      return value;
    },
    async invoke(appId, path, init = {}) {
      const url = `${transport.baseUrl}/v1.0/invoke/${encodeURIComponent(appId)}/method/${methodPath(path)}`;
      return transport.call(
        `invoke ${appId}`,
        url,
        { method: init.method ?? "GET", body: init.body ?? null, signal: AbortSignal.timeout(10_000) },
        init.headers,
      );
    },
    async healthy() {
      try {
        const res = await fetchImpl(`${transport.baseUrl}/v1.0/healthz`, {
          signal: AbortSignal.timeout(1000),
        });
        return res.status === 204 || res.ok;
      } catch {
        return false; // unreachable sidecar is exactly what "not healthy" means
      }
    },
  };
};
