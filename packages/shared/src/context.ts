import { AsyncLocalStorage } from "node:async_hooks";

/** What travels with one request: its correlation id and W3C trace context. */
export interface RequestContext {
  readonly correlationId: string;
  readonly traceparent?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` with `ctx` as the current request context (logs and sidecar calls pick it up). */
export const runWithContext = <T>(ctx: RequestContext, fn: () => T): T => storage.run(ctx, fn);

/** Runs `fn` outside any request (e.g. a background export whose timer a request happened to start). */
export const runOutsideContext = <T>(fn: () => T): T => storage.exit(fn);

/** The current request's context, if any. */
export const currentContext = (): RequestContext | undefined => storage.getStore();

const VALID_CORRELATION_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** A client-sent correlation id is kept only when it is a sane token; otherwise a new one is made. */
export const acceptCorrelationId = (sent: string | null | undefined): string =>
  sent && VALID_CORRELATION_ID.test(sent) ? sent : crypto.randomUUID();

const TRACEPARENT = /^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** Keeps a valid W3C `traceparent`, or starts a new trace (random trace and span ids). */
export const acceptTraceparent = (sent: string | null | undefined): string => {
  if (sent && TRACEPARENT.test(sent)) return sent;
  // Two v4 UUIDs without dashes: 32 random-enough hex digits each, never all zero.
  const traceId = crypto.randomUUID().replaceAll("-", "");
  const spanId = crypto.randomUUID().replaceAll("-", "").slice(16);
  return `00-${traceId}-${spanId}-01`;
};

/**
 * The context of an incoming request. The trace context is settled on first use (a log line or a
 * sidecar call), so a request answered from memory does not pay for random trace ids it never sends.
 */
export const incomingRequestContext = (
  sentCorrelationId: string | null | undefined,
  sentTraceparent: string | null | undefined,
): RequestContext => {
  let traceparent: string | undefined;
  return {
    correlationId: acceptCorrelationId(sentCorrelationId),
    get traceparent() {
      traceparent ??= acceptTraceparent(sentTraceparent);
      return traceparent;
    },
  };
};
