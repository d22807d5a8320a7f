import { fileURLToPath } from "node:url";
import { baseEnvSchema, loadConfig } from "@trip/shared";
import { z } from "zod";

/** web/dist, wherever the process was started from (dapr run uses web/, the image /app/web). */
export const DEFAULT_DIST_DIR = fileURLToPath(new URL("../../dist", import.meta.url));

/** The web app's environment, parsed once. Nothing else reads `process.env`. */
export const envSchema = baseEnvSchema.extend({
  PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  DAPR_HTTP_PORT: z.coerce.number().int().min(1).max(65535).default(3580),
  /** The built UI (`bun run build` writes it to web/dist). */
  DIST_DIR: z.string().min(1).default(DEFAULT_DIST_DIR),
  /**
   * "true" behind a trusted reverse proxy (ingress): an incoming X-Forwarded-For is kept and the peer
   * address appended. Otherwise a client-sent X-Forwarded-For is replaced by the peer address, so
   * nobody can spoof the address the ranking service rate-limits on.
   */
  TRUST_FORWARDED_FOR: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
});

export type Config = z.infer<typeof envSchema>;

export const loadWebConfig = (env: Record<string, string | undefined> = process.env): Config =>
  loadConfig(envSchema, env);
