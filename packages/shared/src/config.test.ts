import { describe, expect, test } from "bun:test";
import { z } from "zod";
import { baseEnvSchema, loadConfig } from "./config.ts";

const problemsOf = (env: Record<string, string | undefined>, schema: z.ZodType = baseEnvSchema): string => {
  try {
    loadConfig(schema, env);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("loadConfig accepted an invalid environment");
};

describe("loadConfig(baseEnvSchema)", () => {
  test("only PORT is required; every other key takes its documented default", () => {
    expect(loadConfig(baseEnvSchema, { PORT: "8081" })).toEqual({
      PORT: 8081,
      DAPR_HTTP_PORT: 3500,
      HOST: "0.0.0.0",
      DAPR_HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      SERVICE_VERSION: "0.1.0",
      SHUTDOWN_DRAIN_SECONDS: 0,
      OTEL_TRACES_SAMPLER_ARG: 1,
      CORS_ORIGINS: ["http://localhost:8080", "http://127.0.0.1:8080"],
      LEGACY_CLIENT_COMPAT: true,
    });
  });

  test("LEGACY_CLIENT_COMPAT switches the old-frontend compatibility off with false (or 0, no, off)", () => {
    for (const off of ["false", "0", "no", "off"])
      expect(loadConfig(baseEnvSchema, { PORT: "1", LEGACY_CLIENT_COMPAT: off }).LEGACY_CLIENT_COMPAT).toBe(
        false,
      );
    expect(loadConfig(baseEnvSchema, { PORT: "1", LEGACY_CLIENT_COMPAT: "true" }).LEGACY_CLIENT_COMPAT).toBe(
      true,
    );
    expect(problemsOf({ PORT: "1", LEGACY_CLIENT_COMPAT: "maybe" })).toContain("LEGACY_CLIENT_COMPAT");
  });

  test("given values are coerced: ports to numbers, CORS_ORIGINS split and trimmed, tokens kept", () => {
    const config = loadConfig(baseEnvSchema, {
      PORT: "3001",
      DAPR_HTTP_PORT: "3511",
      LOG_LEVEL: "debug",
      CORS_ORIGINS: " https://trip.example , ,http://localhost:5173",
      DAPR_API_TOKEN: "dapr-tok",
      APP_API_TOKEN: "app-tok",
    });
    expect(config.DAPR_HTTP_PORT).toBe(3511);
    expect(config.LOG_LEVEL).toBe("debug");
    expect(config.CORS_ORIGINS).toEqual(["https://trip.example", "http://localhost:5173"]);
    expect([config.DAPR_API_TOKEN, config.APP_API_TOKEN]).toEqual(["dapr-tok", "app-tok"]);
  });

  test("a missing PORT fails fast with a message naming it", () => {
    expect(() => loadConfig(baseEnvSchema, {})).toThrow(/^invalid configuration: PORT: /);
  });

  test("every bad key is named in one message, never its value", () => {
    const message = problemsOf({
      PORT: "s3cret-port",
      DAPR_HTTP_PORT: "70000",
      LOG_LEVEL: "chatty-level",
      APP_API_TOKEN: "",
    });
    for (const key of ["PORT", "DAPR_HTTP_PORT", "LOG_LEVEL", "APP_API_TOKEN"])
      expect(message).toContain(`${key}: `);
    expect(message).not.toContain("s3cret-port");
    expect(message).not.toContain("chatty-level");
  });

  test("tracing is off unless a collector URL is given; a bad URL or a ratio outside 0..1 is named", () => {
    expect(
      loadConfig(baseEnvSchema, { PORT: "8081", OTEL_EXPORTER_OTLP_ENDPOINT: "" })
        .OTEL_EXPORTER_OTLP_ENDPOINT,
    ).toBeUndefined();
    const on = loadConfig(baseEnvSchema, {
      PORT: "8081",
      OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:4318",
      OTEL_TRACES_SAMPLER_ARG: "0.1",
    });
    expect([on.OTEL_EXPORTER_OTLP_ENDPOINT, on.OTEL_TRACES_SAMPLER_ARG]).toEqual([
      "http://127.0.0.1:4318",
      0.1,
    ]);
    const message = problemsOf({
      PORT: "8081",
      OTEL_EXPORTER_OTLP_ENDPOINT: "127.0.0.1:4317",
      OTEL_TRACES_SAMPLER_ARG: "10",
    });
    expect(message).toContain("OTEL_EXPORTER_OTLP_ENDPOINT: ");
    expect(message).toContain("OTEL_TRACES_SAMPLER_ARG: ");
  });

  test("a service's extension of the schema is checked the same way", () => {
    const schema = baseEnvSchema.extend({ FX_BAND: z.coerce.number().positive() });
    expect(problemsOf({ PORT: "8081" }, schema)).toContain("FX_BAND: ");
    expect(problemsOf({ PORT: "8081", FX_BAND: "-1" }, schema)).toContain("FX_BAND: ");
    expect(loadConfig(schema, { PORT: "8081", FX_BAND: "0.05" }).FX_BAND).toBe(0.05);
  });
});
