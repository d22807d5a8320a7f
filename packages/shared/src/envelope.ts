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

/**
 * The success envelope around data that is already JSON — for hot routes that serialise a response
 * once and serve it many times. Same shape and key order as `ok`.
 * @example c.body(okJson(cachedRatesJson, clock.now()), 200, JSON_CONTENT_TYPE)
 */
export const okJson = (dataJson: string, now: Date): string =>
  `{"success":true,"data":${dataJson},"timestamp":"${now.toISOString()}","version":"${API_VERSION}"}`;

/** The header of a JSON body sent with `c.body`. */
export const JSON_CONTENT_TYPE = { "content-type": "application/json" } as const;

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
