/**
 * Reading traces back from Jaeger's query API (the JSON the Jaeger UI itself reads: /api/traces), and the
 * shape a request through the web gateway to currency-service must have there. Used against the local
 * stack (tests/tracing) and the cluster (tests/delivery/tracing.test.ts).
 */
import { expect } from "bun:test";

interface KeyValue {
  key: string;
  value: unknown;
}
export interface JaegerSpan {
  traceID: string;
  spanID: string;
  operationName: string;
  references: Array<{ refType: string; traceID: string; spanID: string }>;
  processID: string;
  tags: KeyValue[];
}
export interface JaegerTrace {
  traceID: string;
  spans: JaegerSpan[];
  processes: Record<string, { serviceName: string; tags: KeyValue[] }>;
}

/** One span with what a reader of the trace sees: who recorded it (an app, or its Dapr sidecar) and its parent. */
export interface Hop {
  span: JaegerSpan;
  service: string;
  /** The app's own span (the OpenTelemetry JS SDK of @trip/shared) rather than its sidecar's (Go). */
  app: boolean;
  kind: string | undefined;
  parent: string | undefined;
}

const tag = (tags: KeyValue[], key: string): unknown => tags.find((t) => t.key === key)?.value;

export const hopsOf = (trace: JaegerTrace): Hop[] =>
  trace.spans.map((span) => {
    const process = trace.processes[span.processID];
    return {
      span,
      service: process?.serviceName ?? "?",
      app: tag(process?.tags ?? [], "telemetry.sdk.language") === "nodejs",
      kind: tag(span.tags, "span.kind") as string | undefined,
      parent: span.references.find((ref) => ref.refType === "CHILD_OF")?.spanID,
    };
  });

/** A readable outline of a trace for failure messages: "web(app) GET /api/* <- -". */
export const outline = (trace: JaegerTrace): string =>
  hopsOf(trace)
    .map(
      (h) =>
        `${h.service}(${h.app ? "app" : "sidecar"}) ${h.kind ?? ""} ${h.span.operationName} ${h.span.spanID} <- ${h.parent ?? "-"}`,
    )
    .join("\n");

const getJson = async (url: string): Promise<{ data?: JaegerTrace[] }> => {
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return (await res.json()) as { data?: JaegerTrace[] };
};

/** The traces Jaeger holds whose `web` spans carry this correlation id (the apps tag their SERVER spans). */
export const tracesWithCorrelationId = async (
  jaeger: string,
  correlationId: string,
): Promise<JaegerTrace[]> => {
  const tags = encodeURIComponent(JSON.stringify({ correlation_id: correlationId }));
  const found = await getJson(`${jaeger}/api/traces?service=web&tags=${tags}&lookback=1h&limit=20`);
  return (found.data ?? []).filter((trace) =>
    trace.spans.some((span) => tag(span.tags, "correlation_id") === correlationId),
  );
};

/** The whole trace by id (every process's spans that have arrived so far). */
export const traceById = async (jaeger: string, traceId: string): Promise<JaegerTrace | undefined> =>
  (await getJson(`${jaeger}/api/traces/${traceId}`)).data?.[0];

/**
 * Polls Jaeger until the request's trace holds the spans `complete` asks for: the apps send their spans
 * within ~2 s, the sidecars within ~5 s (each exporter batches), so a trace fills up in steps.
 */
export const awaitTrace = async (
  jaeger: string,
  correlationId: string,
  complete: (trace: JaegerTrace) => boolean,
  timeoutMs = 30_000,
): Promise<{ traces: JaegerTrace[]; trace: JaegerTrace }> => {
  const deadline = Date.now() + timeoutMs;
  let last: JaegerTrace[] = [];
  while (Date.now() < deadline) {
    last = await tracesWithCorrelationId(jaeger, correlationId);
    const first = last[0];
    if (last.length === 1 && first) {
      const whole = await traceById(jaeger, first.traceID);
      if (whole && complete(whole)) return { traces: last, trace: whole };
    }
    await Bun.sleep(500);
  }
  throw new Error(
    `no complete trace for correlation id ${correlationId} within ${timeoutMs} ms; found ${last.length}:\n${last.map(outline).join("\n---\n")}`,
  );
};

/** The four recorders one request through web → currency-service must leave spans from. */
export const hasAllFour = (trace: JaegerTrace): boolean => {
  const hops = hopsOf(trace);
  const seen = (service: string, app: boolean) => hops.some((h) => h.service === service && h.app === app);
  return (
    seen("web", true) &&
    seen("web", false) &&
    seen("currency-service", false) &&
    seen("currency-service", true)
  );
};

/** The ancestors of a span, nearest first, inside the trace. */
const ancestors = (hops: Hop[], hop: Hop): Hop[] => {
  const byId = new Map(hops.map((h) => [h.span.spanID, h]));
  const chain: Hop[] = [];
  for (
    let at = hop.parent ? byId.get(hop.parent) : undefined;
    at;
    at = at.parent ? byId.get(at.parent) : undefined
  ) {
    chain.push(at);
  }
  return chain;
};

/**
 * What a GET /api/v1/currencies/... through the web gateway must look like in Jaeger: one trace, whose
 * only root is the web app's SERVER span (tagged with the request's correlation id); every other span's
 * parent is in the trace; the path runs web app → its CLIENT span "invoke currency-service" → the web
 * sidecar → the currency-service sidecar → currency-service's SERVER span.
 */
export const expectWebToCurrencyTrace = (trace: JaegerTrace, correlationId: string, route: string): void => {
  const hops = hopsOf(trace);
  const ids = new Set(hops.map((h) => h.span.spanID));
  const context = `\n${outline(trace)}`;
  expect(new Set(hops.map((h) => h.span.traceID)), context).toEqual(new Set([trace.traceID]));
  // Service names are the app ids, for the app and its sidecar alike.
  expect(new Set(hops.map((h) => h.service)), context).toEqual(new Set(["web", "currency-service"]));

  const roots = hops.filter((h) => h.parent === undefined);
  expect(roots.length, context).toBe(1);
  const [root] = roots as [Hop];
  expect({ service: root.service, app: root.app, kind: root.kind }, context).toEqual({
    service: "web",
    app: true,
    kind: "server",
  });
  expect(tag(root.span.tags, "correlation_id"), context).toBe(correlationId);
  // Parent/child linked: no span points at a parent that is not in this trace.
  expect(
    hops.filter((h) => h.parent !== undefined && !ids.has(h.parent)).map((h) => h.span.operationName),
    context,
  ).toEqual([]);

  const invoke = hops.find(
    (h) => h.service === "web" && h.app && h.span.operationName === "invoke currency-service",
  );
  expect(invoke?.kind, context).toBe("client");
  expect(invoke?.parent, context).toBe(root.span.spanID);

  const server = hops.find((h) => h.service === "currency-service" && h.app && h.kind === "server");
  expect(server?.span.operationName, context).toBe(`GET ${route}`);
  const path = ancestors(hops, server as Hop);
  // Nearest first: a currency-service sidecar span, then (above it) a web sidecar span, then the app's call.
  const sidecarOfCurrency = path.findIndex((h) => h.service === "currency-service" && !h.app);
  const sidecarOfWeb = path.findIndex((h) => h.service === "web" && !h.app);
  const invokeAt = path.findIndex((h) => h.span.spanID === invoke?.span.spanID);
  expect(sidecarOfCurrency, context).toBeGreaterThanOrEqual(0);
  expect(sidecarOfWeb, context).toBeGreaterThan(sidecarOfCurrency);
  expect(invokeAt, context).toBeGreaterThan(sidecarOfWeb);
  expect(path.at(-1)?.span.spanID, context).toBe(root.span.spanID);
};
