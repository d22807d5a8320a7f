import { baseEnvSchema, loadConfig } from "@trip/shared";
import { z } from "zod";

/** The service's environment, parsed once. Nothing else reads `process.env`. */
export const envSchema = baseEnvSchema.extend({
  PORT: z.coerce.number().int().min(1).max(65535).default(8003),
});

export type Config = z.infer<typeof envSchema>;

export const loadServiceConfig = (env: Record<string, string | undefined> = process.env): Config =>
  loadConfig(envSchema, env);
