import type { SidecarTransport } from "./transport.ts";

export interface BindingResult {
  /** The binding's response body, as text (JSON bindings: parse it yourself or use `json()`). */
  body: string;
  /** Response metadata; Dapr returns it as `metadata.*` headers. */
  metadata: Record<string, string>;
}

/** The narrow port for one output binding. */
export interface OutputBinding {
  readonly name: string;
  invoke(operation: string, data?: unknown, metadata?: Record<string, string>): Promise<BindingResult>;
}

/**
 * Dapr output binding over HTTP.
 * @example const fx = outputBinding(transport, "fx-provider"); await fx.invoke("get", undefined, { path: "/v6/latest/KRW" });
 */
export const outputBinding = (transport: SidecarTransport, name: string): OutputBinding => ({
  name,
  async invoke(operation, data, metadata = {}) {
    const res = await transport.send(
      `binding ${name} ${operation}`,
      `/v1.0/bindings/${encodeURIComponent(name)}`,
      {
        body: { operation, metadata, ...(data !== undefined ? { data } : {}) },
      },
    );
    const meta: Record<string, string> = {};
    res.headers.forEach((value, key) => {
      if (key.toLowerCase().startsWith("metadata."))
        meta[key.slice("metadata.".length).toLowerCase()] = value;
    });
    return { body: res.body, metadata: meta };
  },
});
