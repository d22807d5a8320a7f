import type { z } from "zod";

/** Why an API call gave no data. `status` 0 means the network failed before any answer. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly correlationId: string | undefined;

  constructor(status: number, code: string, message: string, correlationId?: string) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.correlationId = correlationId;
  }
}

/** The part of `fetch` the client uses (tests pass a fake). */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface RequestOptions {
  method?: "GET" | "POST";
  body?: unknown;
  signal?: AbortSignal;
}

const errorFrom = (status: number, payload: unknown, correlationId: string | undefined): ApiError => {
  const error = (payload as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  const code = typeof error?.code === "string" ? error.code : `HTTP_${status}`;
  const message = typeof error?.message === "string" ? error.message : `HTTP ${status}`;
  return new ApiError(status, code, message, correlationId);
};

/**
 * Calls the API on this origin and returns the envelope's `data`, validated by `schema`. Anything else
 * — network failure, error envelope, non-JSON, a shape the UI does not understand — is an ApiError.
 * @example const detail = await requestData("/api/v1/currencies/USD", currencyDetailSchema);
 */
export const requestData = async <S extends z.ZodType>(
  path: string,
  schema: S,
  options: RequestOptions = {},
  fetchImpl: FetchLike = fetch,
): Promise<z.infer<S>> => {
  let res: Response;
  try {
    res = await fetchImpl(path, {
      method: options.method ?? "GET",
      headers: {
        accept: "application/json",
        ...(options.body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
      keepalive: options.method === "POST",
    });
  } catch (err) {
    if (options.signal?.aborted) throw err;
    throw new ApiError(0, "NETWORK_ERROR", err instanceof Error ? err.message : String(err));
  }
  const correlationId = res.headers.get("x-correlation-id") ?? undefined;
  const payload: unknown = await res.json().catch(() => undefined);
  const envelope = payload as { success?: unknown; data?: unknown } | undefined;
  if (!res.ok || envelope?.success !== true) throw errorFrom(res.status, payload, correlationId);
  const parsed = schema.safeParse(envelope.data);
  if (!parsed.success) {
    throw new ApiError(res.status, "INVALID_RESPONSE", `Unexpected response from ${path}`, correlationId);
  }
  return parsed.data;
};
