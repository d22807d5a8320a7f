import { describe, expect, test } from "bun:test";
import { runWithContext } from "./context.ts";
import { createServiceApp } from "./http/create-service-app.ts";
import { createLogger, type LogLevel } from "./logger.ts";
import { MetricsRegistry } from "./metrics.ts";
import { manualClock } from "./time/clock.ts";

const TRACEPARENT = `00-${"4bf92f3577b34da6a3ce929d0e0e4736"}-${"00f067aa0ba902b7"}-01`;
const recordingLogger = (level: LogLevel = "info") => {
  const lines: string[] = [];
  const log = createLogger({
    service: "test-service",
    level,
    sink: (line) => lines.push(line),
    now: () => new Date("2026-11-27T03:00:00.000Z"),
  });
  const entries = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { log, lines, entries };
};

describe("createLogger", () => {
  test("a line inside a request context carries its correlation_id and traceparent", () => {
    const { log, entries } = recordingLogger();
    runWithContext({ correlationId: "corr-12345", traceparent: TRACEPARENT }, () =>
      log.info("rates served", { route: "/api/v1/currencies/latest" }),
    );
    expect(entries()).toEqual([
      {
        ts: "2026-11-27T03:00:00.000Z",
        level: "info",
        service: "test-service",
        msg: "rates served",
        correlation_id: "corr-12345",
        traceparent: TRACEPARENT,
        route: "/api/v1/currencies/latest",
      },
    ]);
  });

  test("a line outside any request has neither key", () => {
    const { log, entries } = recordingLogger();
    log.warn("started");
    expect(entries()[0]).not.toHaveProperty("correlation_id");
    expect(entries()[0]).not.toHaveProperty("traceparent");
  });

  test("lines below the level are dropped; an err field is reduced to its name and message", () => {
    const { log, entries } = recordingLogger("warn");
    log.debug("noise");
    log.info("noise");
    log.error("failed", { err: new RangeError("out of range") });
    expect(entries()).toHaveLength(1);
    expect(entries()[0]?.err).toEqual({ name: "RangeError", message: "out of range" });
  });

  test("a child logger adds its fields to every line and keeps the request context", () => {
    const { log, entries } = recordingLogger();
    const child = log.child({ job: "cron-ingest" });
    runWithContext({ correlationId: "corr-67890" }, () => child.info("tick"));
    expect(entries()[0]).toMatchObject({ job: "cron-ingest", correlation_id: "corr-67890", msg: "tick" });
  });

  test("in a service app, a handler's line carries the request's X-Correlation-ID and traceparent", async () => {
    const { log, entries } = recordingLogger();
    const app = createServiceApp({
      service: "test-service",
      log,
      clock: manualClock("2026-11-27T03:00:00Z"),
      metrics: new MetricsRegistry(),
    });
    app.get("/work", (c) => {
      log.info("working");
      return c.text("done");
    });
    const res = await app.request("/work", {
      headers: { "X-Correlation-ID": "client-corr-42", traceparent: TRACEPARENT },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-correlation-id")).toBe("client-corr-42");
    expect(entries()).toEqual([
      expect.objectContaining({ msg: "working", correlation_id: "client-corr-42", traceparent: TRACEPARENT }),
    ]);
  });
});
