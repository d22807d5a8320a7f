import { DiagLogLevel, diag } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { defaultResource, resourceFromAttributes } from "@opentelemetry/resources";
import {
  BatchSpanProcessor,
  ParentBasedSampler,
  type SpanExporter,
  TraceIdRatioBasedSampler,
  TracerProvider,
} from "@opentelemetry/sdk-trace";
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from "@opentelemetry/semantic-conventions";
import { runOutsideContext } from "../context.ts";
import type { Logger } from "../logger.ts";
import { useTracer } from "./spans.ts";

/** The reason in a diagnostic message: OpenTelemetry passes errors as their JSON (stack included). */
const reasonOf = (message: string): string => {
  try {
    const parsed = JSON.parse(message) as { message?: unknown };
    return typeof parsed?.message === "string" ? parsed.message : message;
  } catch {
    return message; // not JSON: the message is the reason itself
  }
};

export interface TracingOptions {
  /** The app id: the sidecar reports its own spans under the same service name. */
  service: string;
  version: string;
  /** OTLP/HTTP base URL of the collector, e.g. `http://127.0.0.1:4318` (`/v1/traces` is appended). */
  endpoint: string;
  /** Share of new traces recorded, 0..1; a request that arrives with a traceparent follows its caller. */
  samplingRatio: number;
  log: Logger;
  /** Where finished spans go instead of the OTLP exporter (tests). */
  exporter?: SpanExporter;
  /** How long finished spans wait to be sent in one batch. */
  batchDelayMs?: number;
}

export interface Tracing {
  /** Sends every finished span now. */
  flush(): Promise<void>;
  /** Flushes, then stops recording. */
  shutdown(): Promise<void>;
}

/**
 * Starts recording this process's spans (one SERVER span per request, one CLIENT span per sidecar
 * call) and exporting them over OTLP/HTTP. Sampling is parent-based, as the sidecars' is (Dapr's
 * `samplingRate`): a trace the caller sampled is recorded by every hop, and the edge (the web gateway)
 * decides for new traces with `samplingRatio`, so give it the Dapr Configuration's rate.
 * @example startTracing({ service: "currency-service", version: "1.0.0", endpoint: "http://127.0.0.1:4318", samplingRatio: 1, log })
 */
export const startTracing = (options: TracingOptions): Tracing => {
  const exporter =
    options.exporter ?? new OTLPTraceExporter({ url: `${options.endpoint.replace(/\/+$/, "")}/v1/traces` });
  const provider = new TracerProvider({
    resource: defaultResource().merge(
      resourceFromAttributes({
        [ATTR_SERVICE_NAME]: options.service,
        [ATTR_SERVICE_VERSION]: options.version,
      }),
    ),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(options.samplingRatio) }),
    spanProcessors: [
      new BatchSpanProcessor({ exporter, scheduledDelayMillis: options.batchDelayMs ?? 2000 }),
    ],
  });
  // The exporter reports a collector it cannot reach through OpenTelemetry's diagnostic logger; without
  // one that would be silent. Warnings and errors only, and outside the request whose span happened to
  // start the batch timer (its correlation id would point at the wrong thing).
  const problem = (message: string) =>
    runOutsideContext(() => options.log.warn("tracing: export problem", { detail: reasonOf(message) }));
  diag.setLogger(
    { error: problem, warn: problem, info: () => {}, debug: () => {}, verbose: () => {} },
    { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true },
  );
  useTracer(provider.getTracer("@trip/shared", options.version));
  return {
    flush: () => provider.forceFlush(),
    shutdown: async () => {
      useTracer(undefined);
      await provider.shutdown();
    },
  };
};
