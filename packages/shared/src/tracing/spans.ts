import {
  type Attributes,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from "@opentelemetry/api";
import {
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_URL_PATH,
} from "@opentelemetry/semantic-conventions";
import { spanContextOf, traceparentOf } from "./traceparent.ts";

/**
 * The tracer of this process, set once by `startTracing` (tracing/sdk.ts) when an OTLP endpoint is
 * configured. Process-wide like the signal handlers: one process is one service. While it is unset
 * every helper below is a plain pass-through, so an app without a collector pays nothing.
 */
let active: Tracer | undefined;

/** Records spans with `tracer` from now on; `undefined` stops recording (tests, shutdown). */
export const useTracer = (tracer: Tracer | undefined): void => {
  active = tracer;
};

/** The tracer spans are recorded with, or undefined while tracing is off. */
export const activeTracer = (): Tracer | undefined => active;

/** The log field that finds a request's trace: the same id is on every log line of that request. */
export const CORRELATION_ID_ATTRIBUTE = "correlation_id";

const parentOf = (traceparent: string | undefined) => {
  const remote = spanContextOf(traceparent);
  return remote ? trace.setSpanContext(ROOT_CONTEXT, remote) : ROOT_CONTEXT;
};

export interface IncomingRequest {
  method: string;
  path: string;
  /** The caller's `traceparent` header, if it sent one. */
  traceparent: string | undefined;
  correlationId: string;
}

export interface ServerOutcome {
  /** The registered route that answered (e.g. `/api/v1/currencies/:code`), for the span's name. */
  route: string;
  status: number;
}

const startServerSpan = (tracer: Tracer, request: IncomingRequest, startTime?: number): Span =>
  tracer.startSpan(
    request.method,
    {
      kind: SpanKind.SERVER,
      attributes: {
        [ATTR_HTTP_REQUEST_METHOD]: request.method,
        [ATTR_URL_PATH]: request.path,
        [CORRELATION_ID_ATTRIBUTE]: request.correlationId,
      },
      ...(startTime === undefined ? {} : { startTime }),
    },
    parentOf(request.traceparent),
  );

const endServerSpan = (span: Span, method: string, outcome: ServerOutcome): void => {
  // "{method} {route}" as the HTTP semantic conventions name server spans: low-cardinality, no ids.
  span.updateName(`${method} ${outcome.route}`);
  span.setAttribute(ATTR_HTTP_ROUTE, outcome.route);
  span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, outcome.status);
  // A 4xx is the client's mistake, answered correctly; only a 5xx marks the server's span as failed.
  if (outcome.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
};

/**
 * Runs one incoming request inside a SERVER span, a child of the caller's `traceparent` (a new trace
 * when it sent none). `handle` gets the `traceparent` that names this span, for the sidecar calls the
 * request makes; `outcome` is read once it is done.
 */
export const inServerSpan = async (
  tracer: Tracer,
  request: IncomingRequest,
  handle: (traceparent: string) => Promise<void>,
  outcome: () => ServerOutcome,
): Promise<void> => {
  const span = startServerSpan(tracer, request);
  try {
    await handle(traceparentOf(span.spanContext()));
  } catch (err) {
    span.recordException(err instanceof Error ? err : String(err));
    endServerSpan(span, request.method, { route: outcome().route, status: 500 });
    throw err;
  }
  endServerSpan(span, request.method, outcome());
};

/** A SERVER span for a request already answered from memory (`withHotRoutes`), which made no calls. */
export const recordServerSpan = (
  tracer: Tracer,
  request: IncomingRequest,
  startTime: number,
  outcome: ServerOutcome,
): void => endServerSpan(startServerSpan(tracer, request, startTime), request.method, outcome);

/**
 * A `traceparent` for a request that is deliberately not traced (health probes): the caller's if it
 * sent one, else a new, unsampled one, so the sidecars do not record the probe's calls as traces of
 * their own.
 */
export const untracedTraceparent = (sent: string | undefined): string => {
  const remote = spanContextOf(sent);
  if (remote && sent) return sent;
  const random = crypto.randomUUID().replaceAll("-", "") + crypto.randomUUID().replaceAll("-", "");
  return `00-${random.slice(0, 32)}-${random.slice(32, 48)}-00`;
};

/**
 * Runs one call to the sidecar inside a CLIENT span, a child of `parent` (the request's traceparent),
 * and hands `call` the `traceparent` to send so the sidecar's spans become children of this one.
 * Without an active tracer it is `call(parent)`.
 * @example await inClientSpan("state get cache", { "http.request.method": "GET" }, ctx?.traceparent,
 *   (traceparent) => fetch(url, { headers: { traceparent } }), (res) => res.status)
 */
export const inClientSpan = async <T>(
  name: string,
  attributes: Attributes,
  parent: string | undefined,
  call: (traceparent: string | undefined) => Promise<T>,
  statusOf: (result: T) => number,
): Promise<T> => {
  const tracer = active;
  if (!tracer) return call(parent);
  const span = tracer.startSpan(name, { kind: SpanKind.CLIENT, attributes }, parentOf(parent));
  try {
    const result = await call(traceparentOf(span.spanContext()));
    const status = statusOf(result);
    span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, status);
    if (status >= 400) span.setStatus({ code: SpanStatusCode.ERROR });
    return result;
  } catch (err) {
    // No answer at all (refused, timed out): the call failed; the error is the caller's to handle.
    span.recordException(err instanceof Error ? err : String(err));
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw err;
  } finally {
    span.end();
  }
};
