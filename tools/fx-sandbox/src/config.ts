import { resolve } from "node:path";
import { z } from "zod";
import { MAX_SLOW_MS, misbehaviourSchema } from "./domain/misbehaviour.ts";

/** `<repo>/../shared/data/big-mac-index.csv`: the shared data folder beside the clone. */
const repoRoot = resolve(import.meta.dir, "../../..");
export const DEFAULT_REFERENCE_CSV = resolve(repoRoot, "../shared/data/big-mac-index.csv");

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8090),
  /** Address to listen on: loopback by default; the local cluster's instance listens on the node IP, the
   * only host address its pods can reach (deploy/local-cluster/install.sh). */
  HOST: z.string().min(1).default("127.0.0.1"),
  FX_SEED: z.string().min(1).default("trip-service"),
  FX_REFERENCE_CSV: z.string().min(1).default(DEFAULT_REFERENCE_CSV),
  FX_API_KEY: z.string().min(1).optional(),
  FX_MODE: misbehaviourSchema.default("normal"),
  FX_SLOW_MS: z.coerce.number().int().min(0).max(MAX_SLOW_MS).default(5000),
});

export type SandboxConfig = z.infer<typeof envSchema>;

/** Parses the environment once; empty variables count as unset. */
export const loadConfig = (env: Record<string, string | undefined>): SandboxConfig =>
  envSchema.parse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== "")));
