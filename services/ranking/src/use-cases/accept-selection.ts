import { AppError, type Clock } from "@trip/shared";
import { clientAddressOf, type SelectionLimits, selectionRateRules } from "../domain/client-identity.ts";
import { destinationOf } from "../domain/destinations.ts";
import type { FixedWindowLimiter, RateLimitRule } from "../domain/rate-limit.ts";
import type { RecordedSelection, SelectionRecorder } from "./record-selection.ts";

export interface SelectionRequest {
  country_code: string;
  user_id?: string | null | undefined;
  session_id?: string | null | undefined;
  referrer?: string | null | undefined;
  selection_id?: string | null | undefined;
}

export interface ClientSeen {
  forwardedFor: string | undefined;
  peerAddress: string | undefined;
}

export interface AcceptSelectionDeps {
  recorder: SelectionRecorder;
  limiter: FixedWindowLimiter;
  limits: SelectionLimits;
  trustedProxyHops: number;
  /** Salted hash of a user id; the raw id goes no further than this call. */
  hashUserId: (userId: string) => Promise<string>;
  clock: Clock;
  onResult?: (result: "accepted" | "replayed" | "rate_limited") => void;
}

/**
 * Uses up `cost` selections of every rule, or throws 429 RATE_LIMIT_EXCEEDED (with Retry-After) and uses
 * up nothing when any rule lacks room for all of them.
 */
export const withinRateLimit = (
  deps: Pick<AcceptSelectionDeps, "limiter" | "clock" | "onResult">,
  rules: RateLimitRule[],
  cost = 1,
): void => {
  const verdict = deps.limiter.attempt(rules, deps.clock.now().getTime(), cost);
  if (verdict.allowed) return;
  deps.onResult?.("rate_limited");
  throw new AppError(
    "RATE_LIMIT_EXCEEDED",
    "Too many selections from this client; try again later",
    { retry_after_seconds: verdict.retryAfterSeconds },
    { headers: { "Retry-After": String(verdict.retryAfterSeconds) } },
  );
};

/**
 * `POST /api/v1/rankings/selections`: destination check (KR is home, not a destination), per-client rate
 * limit (address, plus user and session when given), then the idempotent write.
 */
export const acceptSelection = async (
  deps: AcceptSelectionDeps,
  request: SelectionRequest,
  client: ClientSeen,
): Promise<RecordedSelection> => {
  const country = destinationOf(request.country_code);
  if (!country)
    throw new AppError("INVALID_COUNTRY_CODE", `Not a supported destination: ${request.country_code}`, {
      country_code: request.country_code,
    });
  const userHash = request.user_id ? await deps.hashUserId(request.user_id) : null;
  const sessionId = request.session_id ?? null;
  const address = clientAddressOf(client.forwardedFor, client.peerAddress, deps.trustedProxyHops);
  withinRateLimit(deps, selectionRateRules(address, userHash, sessionId, deps.limits));
  const recorded = await deps.recorder.record({
    selection_id: request.selection_id ?? undefined,
    country_code: country.code,
    currency_code: country.currencyCode,
    user_hash: userHash,
    session_id: sessionId,
    referrer: request.referrer ?? null,
  });
  deps.onResult?.(recorded.replayed ? "replayed" : "accepted");
  return recorded;
};
