import { AsyncLocalStorage } from "node:async_hooks";

/** What travels with one request: its correlation id and W3C trace context. */
export interface RequestContext {
  correlationId: string;
  traceparent?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` with `ctx` as the current request context (logs and sidecar calls pick it up). */
export const runWithContext = <T>(ctx: RequestContext, fn: () => T): T => storage.run(ctx, fn);

/** The current request's context, if any. */
export const currentContext = (): RequestContext | undefined => storage.getStore();

const VALID_CORRELATION_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** A client-sent correlation id is kept only when it is a sane token; otherwise a new one is made. */
export const acceptCorrelationId = (sent: string | null | undefined): string =>
  sent && VALID_CORRELATION_ID.test(sent) ? sent : crypto.randomUUID();

const TRACEPARENT = /^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** Keeps a valid W3C `traceparent`, or starts a new trace. */
export const acceptTraceparent = (sent: string | null | undefined): string => {
  if (sent && TRACEPARENT.test(sent)) return sent;
  const hex = (bytes: number) =>
    Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, "0")).join(
      "",
    );
  return `00-${hex(16)}-${hex(8)}-01`;
};
