import type { RateLimitRule } from "./rate-limit.ts";

/**
 * The client's address. `X-Forwarded-For` is trusted only for the configured number of proxy hops in
 * front of the service (0 = never: the socket's peer is the client). With N hops the client is the
 * N-th address from the right, the one the outermost trusted proxy appended.
 */
export const clientAddressOf = (
  forwardedFor: string | undefined,
  peerAddress: string | undefined,
  trustedHops: number,
): string => {
  if (trustedHops > 0 && forwardedFor) {
    const hops = forwardedFor
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean);
    const client = hops[Math.max(0, hops.length - trustedHops)];
    if (client) return client;
  }
  return peerAddress ?? "unknown";
};

export interface SelectionLimits {
  perAddress: number;
  perClient: number;
}

/** The limits a selection falls under: its address, plus its user (hashed) and session when given. */
export const selectionRateRules = (
  address: string,
  userHash: string | null,
  sessionId: string | null,
  limits: SelectionLimits,
): RateLimitRule[] => [
  { key: `ip:${address}`, limit: limits.perAddress },
  ...(userHash ? [{ key: `user:${userHash}`, limit: limits.perClient }] : []),
  ...(sessionId ? [{ key: `session:${sessionId}`, limit: limits.perClient }] : []),
];
