import { baseEnvSchema, loadConfig } from "@trip/shared";
import { z } from "zod";

/** The service's environment, parsed once. Nothing else reads `process.env`. */
export const envSchema = baseEnvSchema.extend({
  PORT: z.coerce.number().int().min(1).max(65535).default(8001),
  /**
   * How long the in-process rate snapshot is served without asking the cache store again. Events
   * (`exchange-rates.updated`) update it immediately; this re-read is the safety net for missed events.
   */
  RATE_SNAPSHOT_TTL_MS: z.coerce.number().int().min(0).max(600_000).default(5000),
  /** TTL of the `rate:{CODE}` / `rates:latest` entries this service writes back after a database fallback. */
  CACHE_REFILL_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
});

export type Config = z.infer<typeof envSchema>;

export const loadServiceConfig = (env: Record<string, string | undefined> = process.env): Config =>
  loadConfig(envSchema, env);
