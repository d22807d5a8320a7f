import { baseEnvSchema, loadConfig } from "@trip/shared";
import { z } from "zod";

const days = (fallback: number) => z.coerce.number().int().min(0).max(3650).default(fallback);

/** The service's environment, parsed once. Nothing else reads `process.env`. See README "Configuration". */
export const envSchema = baseEnvSchema
  .extend({
    PORT: z.coerce.number().int().min(1).max(65535).default(8002),
    /** Selections per client address per window. */
    RATE_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).default(60),
    /** Selections per user (hashed) and per session per window, when the request names them. */
    RATE_LIMIT_PER_CLIENT: z.coerce.number().int().min(1).default(20),
    RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
    /** Proxies in front of the service whose `X-Forwarded-For` entries are trusted; 0 trusts none. */
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    /** How long a selection_id stays idempotent; 0 keeps the records forever. */
    SELECTION_ID_RETENTION_DAYS: days(90),
    /** How long selection-log slots and tallies are kept; 0 keeps them forever. */
    LOG_RETENTION_DAYS: days(40),
    /** The most finished days one rollover archives when catching up after downtime. */
    ROLLOVER_MAX_CATCHUP_DAYS: z.coerce.number().int().min(1).max(3650).default(35),
    /** Lock owner and tick-record name of this replica; default: generated at start. */
    REPLICA_ID: z.string().min(1).max(128).optional(),
    /** Test stacks only: enables `PUT /api/v1/rankings/admin/clock` (admin token) to move this replica's clock. */
    ALLOW_CLOCK_OVERRIDE: z.stringbool().default(false),
  })
  .refine((env) => env.LOG_RETENTION_DAYS === 0 || env.ROLLOVER_MAX_CATCHUP_DAYS < env.LOG_RETENTION_DAYS, {
    message: "ROLLOVER_MAX_CATCHUP_DAYS must be shorter than LOG_RETENTION_DAYS",
    path: ["ROLLOVER_MAX_CATCHUP_DAYS"],
  });

export type Config = z.infer<typeof envSchema>;

export const loadServiceConfig = (env: Record<string, string | undefined> = process.env): Config =>
  loadConfig(envSchema, env);
