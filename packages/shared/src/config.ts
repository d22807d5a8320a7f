import { z } from "zod";

/** Environment every service reads; services extend it with their own keys. */
export const baseEnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535),
  DAPR_HTTP_PORT: z.coerce.number().int().min(1).max(65535).default(3500),
  /** Interface the app listens on. In a pod it must be all interfaces (kubelet probes the pod IP);
   * the local run template sets 127.0.0.1 so nothing is reachable from off the machine. */
  HOST: z.string().default("0.0.0.0"),
  DAPR_HOST: z.string().default("127.0.0.1"),
  DAPR_API_TOKEN: z.string().min(1).optional(),
  APP_API_TOKEN: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  SERVICE_VERSION: z.string().default("0.1.0"),
  /** Seconds an app keeps serving after SIGTERM before it exits (graceful-shutdown.ts). 0 locally; in a
   * pod, long enough for Kubernetes to take it out of its Services. */
  SHUTDOWN_DRAIN_SECONDS: z.coerce.number().min(0).max(60).default(0),
  /** OTLP/HTTP base URL of a trace collector (e.g. `http://127.0.0.1:4318`); unset: no spans are recorded
   * (tracing/sdk.ts); empty counts as unset, as OpenTelemetry's own SDKs read it. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.url({ protocol: /^https?$/ }).optional(),
  ),
  /** Share of new traces recorded (0..1); give it the Dapr Configuration's samplingRate. */
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).default(1),
  /** Browser origins allowed to call the API (comma-separated scheme://host:port). A preflight from any
   * other origin is refused, logged and counted (http/cors-origins.ts). During a migration add the old
   * frontend's origin, e.g. `https://trip.example.com,http://localhost:3000` (its dev server). */
  CORS_ORIGINS: z
    .string()
    .default("http://localhost:8080,http://127.0.0.1:8080")
    .transform((s) =>
      s
        .split(",")
        .map((o) => o.trim())
        .filter(Boolean),
    ),
  /** Old-frontend compatibility (http/legacy-client.ts): its deprecated routes and rules. `false` once
   * `legacy_client_requests_total` shows it no longer calls; those routes then answer 404. */
  LEGACY_CLIENT_COMPAT: z.stringbool().default(true),
});

export type BaseConfig = z.infer<typeof baseEnvSchema>;

/**
 * Parses the environment once into a typed config; fails fast naming every bad key (never their values).
 * @example const config = loadConfig(baseEnvSchema.extend({ FX_BAND: z.coerce.number() }), process.env)
 */
export const loadConfig = <S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined>,
): z.infer<S> => {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`invalid configuration: ${problems}`);
  }
  return parsed.data;
};
