import { baseEnvSchema, loadConfig } from "@trip/shared";
import { z } from "zod";

/** The service's environment, parsed once. Nothing else reads `process.env`. */
export const envSchema = baseEnvSchema.extend({
  PORT: z.coerce.number().int().min(1).max(65535).default(8003),
  /** Longest a cached answer is served on a replica that did not receive `exchange-rates.updated`. */
  HISTORY_CACHE_TTL_MS: z.coerce.number().int().min(0).default(60_000),
  HISTORY_CACHE_MAX_ENTRIES: z.coerce.number().int().min(1).default(500),
  /** Expiry of the analysis lock: longer than the slowest run (a first run over a year of rows). */
  ANALYSIS_LOCK_TTL_SECONDS: z.coerce.number().int().min(10).default(900),
  /** Run the analysis once at start (after migrations), so daily_stats is ready without waiting an hour. */
  ANALYSIS_ON_START: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
});

export type Config = z.infer<typeof envSchema>;

export const loadServiceConfig = (env: Record<string, string | undefined> = process.env): Config =>
  loadConfig(envSchema, env);
