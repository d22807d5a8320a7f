import type { ErrorCode } from "./errors.ts";

export const API_VERSION = "v1";

export interface SuccessEnvelope<T> {
  success: true;
  data: T;
  timestamp: string;
  version: typeof API_VERSION;
}

export interface ErrorEnvelope {
  success: false;
  error: { code: ErrorCode; message: string; details?: Record<string, unknown> };
  timestamp: string;
}

/**
 * Wraps data in the contract's success envelope.
 * @example c.json(ok(rates, clock.now()), 200)
 */
export const ok = <T>(data: T, now: Date): SuccessEnvelope<T> => ({
  success: true,
  data,
  timestamp: now.toISOString(),
  version: API_VERSION,
});

export const failure = (
  code: ErrorCode,
  message: string,
  now: Date,
  details?: Record<string, unknown>,
): ErrorEnvelope => ({
  success: false,
  error: details === undefined ? { code, message } : { code, message, details },
  timestamp: now.toISOString(),
});
