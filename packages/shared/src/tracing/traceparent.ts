import { isSpanContextValid, type SpanContext, TraceFlags } from "@opentelemetry/api";

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/**
 * The span context a W3C `traceparent` header names (version 00), marked remote; undefined when the
 * header is absent, malformed or names the all-zero ids the spec declares invalid.
 * @example spanContextOf("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")?.traceId
 */
export const spanContextOf = (traceparent: string | null | undefined): SpanContext | undefined => {
  const match = traceparent ? TRACEPARENT.exec(traceparent) : null;
  if (!match) return undefined;
  const [, traceId = "", spanId = "", flags = "00"] = match;
  const context: SpanContext = {
    traceId,
    spanId,
    // Only the sampled bit has a meaning in version 00; the others are not passed on.
    traceFlags: Number.parseInt(flags, 16) & TraceFlags.SAMPLED,
    isRemote: true,
  };
  return isSpanContextValid(context) ? context : undefined;
};

/** The `traceparent` header that makes the receiver's spans children of `context`. */
export const traceparentOf = (context: SpanContext): string =>
  `00-${context.traceId}-${context.spanId}-0${context.traceFlags & TraceFlags.SAMPLED}`;
