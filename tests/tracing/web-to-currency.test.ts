/**
 * Tracing you can look at (issue 15, item 5), on the local stack: the sidecars (dapr/config.yaml) and the
 * apps (@trip/shared, OTEL_EXPORTER_OTLP_ENDPOINT in dapr/dapr.yaml) export to the local Jaeger
 * (scripts/infra/jaeger.sh); one request through the web gateway to currency-service is one trace there,
 * read back through Jaeger's query API exactly as docs/tracing.md tells a person to.
 */
import { describe, expect, test } from "bun:test";
import { STACK } from "../support/stack.ts";
import { awaitTrace, expectWebToCurrencyTrace, hasAllFour, traceById } from "./support/jaeger.ts";

const JAEGER = process.env.JAEGER_URL ?? "http://127.0.0.1:16686";

describe("one request through web → currency-service is one trace in Jaeger", () => {
  test("web app → web sidecar → currency-service sidecar → currency-service app, parent/child linked", async () => {
    const correlationId = `trace-local-${crypto.randomUUID()}`;
    const res = await fetch(`${STACK.web}/api/v1/currencies/latest?symbols=USD,JPY`, {
      headers: { "x-correlation-id": correlationId },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-correlation-id")).toBe(correlationId);
    const { traces, trace } = await awaitTrace(JAEGER, correlationId, hasAllFour);
    expect(traces.length).toBe(1);
    expectWebToCurrencyTrace(trace, correlationId, "/api/v1/currencies/latest");
  }, 60_000);

  test("a caller that already traces gets the web app's span inside its own trace", async () => {
    const traceId = crypto.randomUUID().replaceAll("-", "");
    const callerSpan = crypto.randomUUID().replaceAll("-", "").slice(0, 16);
    const res = await fetch(`${STACK.web}/api/v1/currencies/USD`, {
      headers: { traceparent: `00-${traceId}-${callerSpan}-01` },
    });
    expect(res.status).toBe(200);
    const spanOfWeb = async () => {
      const trace = await traceById(JAEGER, traceId).catch(() => undefined);
      return trace?.spans.find((span) => span.references.some((ref) => ref.spanID === callerSpan));
    };
    const deadline = Date.now() + 30_000;
    let found = await spanOfWeb();
    while (!found && Date.now() < deadline) {
      await Bun.sleep(500);
      found = await spanOfWeb();
    }
    expect(found?.operationName).toBe("GET /api/*");
    expect(found?.traceID).toBe(traceId);
  }, 60_000);
});
