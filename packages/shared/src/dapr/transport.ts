import { ATTR_HTTP_REQUEST_METHOD, ATTR_URL_FULL } from "@opentelemetry/semantic-conventions";
import { currentContext } from "../context.ts";
import { inClientSpan } from "../tracing/spans.ts";
import { DaprError, EtagMismatchError, SidecarUnavailableError } from "./errors.ts";

export interface SidecarOptions {
  /** e.g. `http://127.0.0.1:3501` */
  baseUrl: string;
  /** Sent as `dapr-api-token` when the sidecar requires one. */
  apiToken?: string | undefined;
  /** Per-call timeout; the sidecar's own resiliency policy retries inside it. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface SidecarResponse {
  status: number;
  headers: Headers;
  body: string;
}

/** The single place that speaks HTTP to the sidecar: tokens, correlation, timeouts and error mapping. */
export class SidecarTransport {
  readonly baseUrl: string;
  private readonly apiToken: string | undefined;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(options: SidecarOptions) {
    this.baseUrl = options.baseUrl.replace(/\/$/, "");
    this.apiToken = options.apiToken;
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.fetchImpl = options.fetch ?? fetch;
  }

  /**
   * The headers of a sidecar call: the API token, the request's correlation id, and `traceparent` — the
   * given one (the call's own CLIENT span, see `call`) or else the request's.
   */
  headers(extra: Record<string, string> = {}, traceparent?: string): Headers {
    const headers = new Headers(extra);
    if (this.apiToken) headers.set("dapr-api-token", this.apiToken);
    const ctx = currentContext();
    if (ctx) headers.set("X-Correlation-ID", ctx.correlationId);
    const sentTraceparent = traceparent ?? ctx?.traceparent;
    if (sentTraceparent) headers.set("traceparent", sentTraceparent);
    return headers;
  }

  /**
   * One HTTP call to the sidecar, traced as a CLIENT span named `operation` when tracing is on, so the
   * sidecar's own spans for it (state, binding, invocation) hang below it in the request's trace.
   */
  call(
    operation: string,
    url: string,
    init: RequestInit & { method: string },
    extra: Record<string, string> = {},
  ) {
    return inClientSpan(
      operation,
      { [ATTR_HTTP_REQUEST_METHOD]: init.method, [ATTR_URL_FULL]: url },
      currentContext()?.traceparent,
      (traceparent) => this.fetchImpl(url, { ...init, headers: this.headers(extra, traceparent) }),
      (res) => res.status,
    );
  }

  /** Sends a request; any non-2xx answer becomes a DaprError (409 → EtagMismatchError). */
  async send(
    operation: string,
    path: string,
    init: { method?: string; body?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {},
  ): Promise<SidecarResponse> {
    const hasBody = init.body !== undefined;
    let res: Response;
    try {
      res = await this.call(
        operation,
        `${this.baseUrl}${path}`,
        {
          method: init.method ?? (hasBody ? "POST" : "GET"),
          body: hasBody ? JSON.stringify(init.body) : null,
          signal: AbortSignal.timeout(init.timeoutMs ?? this.timeoutMs),
        },
        { ...(hasBody ? { "content-type": "application/json" } : {}), ...init.headers },
      );
    } catch (cause) {
      throw new SidecarUnavailableError(operation, cause);
    }
    const body = await res.text();
    if (res.ok) return { status: res.status, headers: res.headers, body };
    const { errorCode, message } = parseDaprErrorBody(body);
    if (res.status === 409) throw new EtagMismatchError(operation, message, errorCode);
    throw new DaprError(operation, res.status, message, errorCode);
  }
}

const parseDaprErrorBody = (body: string): { errorCode?: string; message: string } => {
  try {
    const parsed = JSON.parse(body) as { errorCode?: string; message?: string };
    return { errorCode: parsed.errorCode, message: parsed.message ?? body };
  } catch {
    // Not JSON: the sidecar answered plain text, which is the message itself.
    return { message: body || "no body" };
  }
};

/** Parses a JSON body; an empty body (204) is `undefined`. */
export const jsonOrUndefined = (body: string): unknown => (body === "" ? undefined : JSON.parse(body));
