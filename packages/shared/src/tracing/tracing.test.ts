import { afterEach, describe, expect, test } from "bun:test";
import { diag, SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { InMemorySpanExporter, type ReadableSpan } from "@opentelemetry/sdk-trace";
import { runWithContext } from "../context.ts";
import { createSidecar } from "../dapr/client.ts";
import { createServiceApp } from "../http/create-service-app.ts";
import { withHotRoutes } from "../http/hot-routes.ts";
import { createLogger } from "../logger.ts";
import { MetricsRegistry } from "../metrics.ts";
import { manualClock } from "../time/clock.ts";
import { startTracing, type Tracing } from "./sdk.ts";
import { activeTracer } from "./spans.ts";
import { spanContextOf, traceparentOf } from "./traceparent.ts";

const log = createLogger({ service: "test", level: "error", sink: () => {} });
const CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
const CALLER_SPAN = "00f067aa0ba902b7";
const callerTraceparent = (flags = "01") => `00-${CALLER_TRACE}-${CALLER_SPAN}-${flags}`;

/** A service app with one route that reads the cache through a fake sidecar recording what it was sent. */
const serviceApp = () => {
  const sent: Headers[] = [];
  const sidecar = createSidecar({
    baseUrl: "http://sidecar",
    fetch: (async (_input: RequestInfo | URL, init?: RequestInit) => {
      sent.push(new Headers(init?.headers));
      return new Response(null, { status: 204 });
    }) as typeof fetch,
  });
  const metrics = new MetricsRegistry();
  const app = createServiceApp({
    service: "currency-service",
    log,
    clock: manualClock("2026-12-07T12:00:00Z"),
    metrics,
    ops: {
      version: "1.0.0",
      description: "test",
      checks: [
        {
          name: "cache",
          required: true,
          check: async () => (await sidecar.state("cache").get("probe")) === undefined,
        },
      ],
    },
  });
  app.get("/api/v1/currencies/:code", async (c) => {
    await sidecar.state("cache").get(`rate:${c.req.param("code")}`);
    return c.json({ ok: true });
  });
  app.get("/api/v1/boom", () => {
    throw new Error("boom");
  });
  // A gateway-style catch-all, like the web app's /api/* forwarding.
  app.all("/gateway/*", (c) => c.json({ forwarded: c.req.path }));
  // The server's fetch, as main.ts composes it: one route answered from memory before the app.
  const served = withHotRoutes(app.fetch, {
    service: "currency-service",
    metrics,
    routes: { "/api/v1/currencies/latest": () => Response.json({ hot: true }) },
  });
  return { app, served, sent };
};

let tracing: Tracing | undefined;
const traced = (samplingRatio = 1) => {
  const exporter = new InMemorySpanExporter();
  tracing = startTracing({
    service: "currency-service",
    version: "1.0.0",
    endpoint: "http://collector.invalid:4318",
    samplingRatio,
    log,
    exporter,
  });
  const started = tracing;
  return async (): Promise<ReadableSpan[]> => {
    await started.flush();
    return exporter.getFinishedSpans();
  };
};
afterEach(async () => {
  await tracing?.shutdown();
  tracing = undefined;
});

describe("traceparent", () => {
  test("a valid header round-trips; malformed, all-zero or unknown-version headers name no parent", () => {
    const context = spanContextOf(callerTraceparent());
    expect(context).toEqual({ traceId: CALLER_TRACE, spanId: CALLER_SPAN, traceFlags: 1, isRemote: true });
    expect(traceparentOf(context as NonNullable<typeof context>)).toBe(callerTraceparent());
    expect(spanContextOf(callerTraceparent("00"))?.traceFlags).toBe(0);
    for (const bad of [
      undefined,
      "",
      "00-zz",
      `00-${"0".repeat(32)}-${CALLER_SPAN}-01`,
      `00-${CALLER_TRACE}-${"0".repeat(16)}-01`,
      `01-${CALLER_TRACE}-${CALLER_SPAN}-01`,
    ]) {
      expect(spanContextOf(bad)).toBeUndefined();
    }
  });
});

describe("tracing on (startTracing)", () => {
  test("a request is a SERVER span below the caller's, its sidecar call a CLIENT span below that", async () => {
    const spans = traced();
    const { app, sent } = serviceApp();
    const res = await app.request("/api/v1/currencies/USD", {
      headers: { traceparent: callerTraceparent(), "x-correlation-id": "corr-trace-1" },
    });
    expect(res.status).toBe(200);
    const [client, server] = await spans();
    expect(server?.name).toBe("GET /api/v1/currencies/:code");
    expect(server?.kind).toBe(SpanKind.SERVER);
    expect(server?.spanContext().traceId).toBe(CALLER_TRACE);
    expect(server?.parentSpanContext?.spanId).toBe(CALLER_SPAN);
    expect(server?.attributes).toMatchObject({
      "http.route": "/api/v1/currencies/:code",
      "http.response.status_code": 200,
      "url.path": "/api/v1/currencies/USD",
      correlation_id: "corr-trace-1",
    });
    expect(server?.resource.attributes["service.name"]).toBe("currency-service");
    expect(server?.resource.attributes["service.version"]).toBe("1.0.0");
    expect(client?.name).toBe("state get cache");
    expect(client?.kind).toBe(SpanKind.CLIENT);
    expect(client?.parentSpanContext?.spanId).toBe(server?.spanContext().spanId);
    // The sidecar is told the CLIENT span is its parent, so its own spans hang below the app's.
    expect(sent[0]?.get("traceparent")).toBe(`00-${CALLER_TRACE}-${client?.spanContext().spanId}-01`);
    expect(sent[0]?.get("x-correlation-id")).toBe("corr-trace-1");
  });

  test("a request without a traceparent starts a trace; the app's own 500 marks its span failed", async () => {
    const spans = traced();
    const { app } = serviceApp();
    expect((await app.request("/api/v1/boom")).status).toBe(500);
    const [server] = await spans();
    expect(server?.parentSpanContext).toBeUndefined();
    expect(server?.spanContext().traceId).not.toBe(CALLER_TRACE);
    expect(server?.status.code).toBe(SpanStatusCode.ERROR);
    expect(server?.attributes["http.response.status_code"]).toBe(500);
  });

  test("a hot route answered from memory still has its SERVER span", async () => {
    const spans = traced();
    const { served } = serviceApp();
    const res = await served(
      new Request("http://127.0.0.1/api/v1/currencies/latest", {
        headers: { traceparent: callerTraceparent() },
      }),
    );
    expect(await res.json()).toEqual({ hot: true });
    const [server] = await spans();
    expect(server?.name).toBe("GET /api/v1/currencies/latest");
    expect(server?.parentSpanContext?.spanId).toBe(CALLER_SPAN);
  });

  test("a wildcard handler names its span after its own pattern; an unknown path is 'unmatched'", async () => {
    const spans = traced();
    const { app } = serviceApp();
    expect((await app.request("/gateway/v1/anything")).status).toBe(200);
    expect((await app.request("/nowhere")).status).toBe(404);
    expect((await spans()).map((span) => span.name)).toEqual(["GET /gateway/*", "GET unmatched"]);
  });

  test("probes are not traced, and what they ask the sidecar goes with an unsampled traceparent", async () => {
    const spans = traced();
    const { app, sent } = serviceApp();
    expect((await app.request("/ready")).status).toBe(200);
    expect(await spans()).toEqual([]);
    expect(sent[0]?.get("traceparent")).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);
    expect(activeTracer()).toBeDefined();
  });

  test("a trace the edge did not sample is recorded nowhere: sampling ratio 0, unsampled traceparent out", async () => {
    const spans = traced(0);
    const { app, sent } = serviceApp();
    await app.request("/api/v1/currencies/JPY");
    expect(await spans()).toEqual([]);
    expect(sent[0]?.get("traceparent")).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);
    // ...while a caller's sampled trace is followed whatever the ratio (parent-based, like Dapr's).
    await app.request("/api/v1/currencies/JPY", { headers: { traceparent: callerTraceparent() } });
    expect((await spans()).map((span) => span.spanContext().traceId)).toEqual([CALLER_TRACE, CALLER_TRACE]);
  });
});

describe("tracing off (no OTEL_EXPORTER_OTLP_ENDPOINT)", () => {
  test("no tracer; the caller's traceparent is passed to the sidecar unchanged", async () => {
    expect(activeTracer()).toBeUndefined();
    const { app, sent } = serviceApp();
    await app.request("/api/v1/currencies/USD", { headers: { traceparent: callerTraceparent() } });
    expect(sent[0]?.get("traceparent")).toBe(callerTraceparent());
  });
});

describe("export problems", () => {
  test("are logged as warnings with the reason, never under the request that happened to be running", () => {
    const lines: string[] = [];
    tracing = startTracing({
      service: "web",
      version: "1.0.0",
      endpoint: "http://127.0.0.1:1",
      samplingRatio: 1,
      log: createLogger({ service: "web", level: "info", sink: (line) => lines.push(line) }),
      exporter: new InMemorySpanExporter(),
    });
    runWithContext({ correlationId: "corr-unrelated-1" }, () =>
      diag.error(JSON.stringify({ message: "connect ECONNREFUSED 127.0.0.1:4318", stack: "Error: ..." })),
    );
    diag.warn("plain words");
    const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged.map(({ level, msg, detail }) => ({ level, msg, detail }))).toEqual([
      { level: "warn", msg: "tracing: export problem", detail: "connect ECONNREFUSED 127.0.0.1:4318" },
      { level: "warn", msg: "tracing: export problem", detail: "plain words" },
    ]);
    expect(logged[0]?.correlation_id).toBeUndefined();
  });
});

describe("OTLP/HTTP export", () => {
  test("finished spans reach the collector's /v1/traces as OTLP JSON with the service's name", async () => {
    const received: Array<{ path: string; body: string }> = [];
    const collector = Bun.serve({
      hostname: "127.0.0.1",
      port: 0,
      fetch: async (req) => {
        received.push({ path: new URL(req.url).pathname, body: await req.text() });
        return Response.json({});
      },
    });
    try {
      tracing = startTracing({
        service: "web",
        version: "2.0.0",
        endpoint: `http://127.0.0.1:${collector.port}/`,
        samplingRatio: 1,
        log,
      });
      const { app } = serviceApp();
      await app.request("/api/v1/currencies/USD", { headers: { "x-correlation-id": "corr-otlp-1" } });
      await tracing.flush();
      expect(received.map((r) => r.path)).toEqual(["/v1/traces"]);
      const body = received[0]?.body ?? "";
      expect(body).toContain('"service.name"');
      expect(body).toContain('"web"');
      expect(body).toContain("GET /api/v1/currencies/:code");
      expect(body).toContain("corr-otlp-1");
    } finally {
      await collector.stop(true);
    }
  });
});
