import type { BaseConfig } from "./config.ts";
import { createSidecar, type Sidecar } from "./dapr/client.ts";
import { exitOnTermination } from "./graceful-shutdown.ts";
import { createLogger, type Logger } from "./logger.ts";
import { MetricsRegistry } from "./metrics.ts";
import { type Clock, systemClock } from "./time/clock.ts";
import { startTracing } from "./tracing/sdk.ts";

export interface ServiceRuntime<C extends BaseConfig> {
  config: C;
  log: Logger;
  sidecar: Sidecar;
  metrics: MetricsRegistry;
  clock: Clock;
}

/**
 * What every `main.ts` builds from its parsed config: logger, sidecar client, metrics, clock; the
 * clean exit on SIGTERM (after SHUTDOWN_DRAIN_SECONDS) that a pod's process 1 needs; and, when
 * OTEL_EXPORTER_OTLP_ENDPOINT names a collector, a span per request and per sidecar call exported to it
 * (the last ones sent before the exit).
 * @example const rt = createServiceRuntime("currency-service", loadCurrencyConfig());
 */
export const createServiceRuntime = <C extends BaseConfig>(service: string, config: C): ServiceRuntime<C> => {
  const log = createLogger({ service, level: config.LOG_LEVEL });
  const endpoint = config.OTEL_EXPORTER_OTLP_ENDPOINT;
  const tracing = endpoint
    ? startTracing({
        service,
        version: config.SERVICE_VERSION,
        endpoint,
        samplingRatio: config.OTEL_TRACES_SAMPLER_ARG,
        log,
      })
    : undefined;
  if (tracing) log.info("tracing", { endpoint, sampling_ratio: config.OTEL_TRACES_SAMPLER_ARG });
  exitOnTermination({
    drainSeconds: config.SHUTDOWN_DRAIN_SECONDS,
    log,
    ...(tracing ? { beforeExit: tracing.shutdown } : {}),
  });
  const sidecar = createSidecar({
    baseUrl: `http://${config.DAPR_HOST}:${config.DAPR_HTTP_PORT}`,
    apiToken: config.DAPR_API_TOKEN,
  });
  return { config, log, sidecar, metrics: new MetricsRegistry(), clock: systemClock };
};

/**
 * A secret read through the sidecar on first use and kept; a failed read is retried on the next use
 * (the sidecar may still be starting when the app does).
 * @example const adminToken = lazySecret(sidecar, "secretstore", "admin-token", log); await adminToken();
 */
export const lazySecret = (sidecar: Sidecar, store: string, key: string, log: Logger) => {
  let value: string | undefined;
  return async (): Promise<string | undefined> => {
    if (value !== undefined) return value;
    try {
      value = await sidecar.secret(store, key);
    } catch (err) {
      log.warn("secret not readable yet", { store, key, err });
    }
    return value;
  };
};
