/**
 * mTLS for a test's own daprd, as `dapr run` gives the stack's sidecars: an identity from the local Sentry
 * (scripts/infra/sentry.sh, started by scripts/infra.sh) and its root as the trust anchor. A test sidecar
 * without it could neither call nor be called by the stack's sidecars, and the access-control policy of
 * dapr/config.yaml would deny every invocation it receives.
 * @example Bun.spawn([daprd, ...args, ...sentryMtls().args], { env: { ...env, ...sentryMtls().env } })
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./stack.ts";

export const SENTRY_ADDRESS = process.env.DAPR_SENTRY_ADDRESS ?? "127.0.0.1:3690";

export function sentryMtls(): { args: string[]; env: Record<string, string> } {
  const root = join(REPO_ROOT, ".run", "sentry", "ca.crt");
  if (!existsSync(root)) throw new Error(`${root} is missing: start Sentry with scripts/infra.sh start`);
  return {
    args: ["--enable-mtls", "--sentry-address", SENTRY_ADDRESS],
    // DAPR_SENTRY_ADDRESS is read by the runtime launcher `dapr run` starts (scripts/setup.sh).
    env: { DAPR_TRUST_ANCHORS: readFileSync(root, "utf8"), DAPR_SENTRY_ADDRESS: SENTRY_ADDRESS },
  };
}
