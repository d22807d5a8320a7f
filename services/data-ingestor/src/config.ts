import { baseEnvSchema, loadConfig } from "@trip/shared";
import { z } from "zod";

/** Secret-store key of the provider key (Eximbank `authkey`). */
export const FX_API_KEY_SECRET = "fx-api-key";

/** The providers the ingestor has an adapter for; which one runs is configuration, never code. */
export const PROVIDER_NAMES = ["exchangerate-api", "eximbank", "frankfurter"] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

/** The service's environment, parsed once. Nothing else reads `process.env`. */
export const envSchema = baseEnvSchema.extend({
  PORT: z.coerce.number().int().min(1).max(65535).default(8004),
  /** Adapter for the `fx-provider` binding's base url (the component's `url` metadata). */
  FX_PROVIDER: z.enum(PROVIDER_NAMES).default("exchangerate-api"),
  /** Binding the backfill reads a Frankfurter-format time series from. */
  FX_BACKFILL_BINDING: z.string().min(1).default("fx-provider"),
  /** App-side limit of one provider call, above the binding's own `responseTimeout` (10 s). */
  FX_TIMEOUT_MS: z.coerce.number().int().min(1000).max(110_000).default(12_000),
  /** A rate moving more than this against the last stored value is rejected (and logged). */
  INGEST_JUMP_BAND_PERCENT: z.coerce.number().positive().max(1000).default(10),
  /** Must match the `cron-ingest` schedule (`@every 2m`); also the tick-key window. */
  INGEST_INTERVAL_SECONDS: z.coerce.number().int().min(10).max(86_400).default(120),
  /** TTL of `rate:{CODE}` and `rates:latest` in the cache state store. */
  RATE_CACHE_TTL_SECONDS: z.coerce.number().int().min(60).max(2_592_000).default(86_400),
});

export type Config = z.infer<typeof envSchema>;

export const loadServiceConfig = (env: Record<string, string | undefined> = process.env): Config =>
  loadConfig(envSchema, env);
