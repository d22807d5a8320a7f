import { DaprError, SidecarUnavailableError } from "@trip/shared";
import type { FailureSource } from "../domain/ingest-run.ts";
import { ProviderError } from "../domain/provider-snapshot.ts";

/**
 * A failure as it is recorded in `ingest_runs.error` and shown by the status API: what failed, never an
 * address, SQL or stack (those go to the log only).
 */
export const describeFailure = (err: unknown): { message: string; source: FailureSource } => {
  if (err instanceof ProviderError) return { message: err.message, source: "provider" };
  if (err instanceof SidecarUnavailableError)
    return { message: `${err.operation}: sidecar unreachable or timed out`, source: "storage" };
  if (err instanceof DaprError)
    return { message: `${err.operation} failed (sidecar status ${err.status})`, source: "storage" };
  return { message: "unexpected error (see the service log)", source: "storage" };
};
