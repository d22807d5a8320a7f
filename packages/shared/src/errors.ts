/** The contract's error codes and the HTTP status each one answers with. */
export const ERROR_STATUS = {
  INVALID_CURRENCY_CODE: 400,
  INVALID_COUNTRY_CODE: 400,
  INVALID_PERIOD: 400,
  MISSING_PARAMETER: 400,
  DATA_VALIDATION_ERROR: 400,
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMIT_EXCEEDED: 429,
  INTERNAL_ERROR: 500,
  CACHE_UNAVAILABLE: 503,
  DATABASE_UNAVAILABLE: 503,
  EXTERNAL_API_ERROR: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export type ErrorStatus = (typeof ERROR_STATUS)[ErrorCode];

/**
 * A failure the API reports in the contract's error envelope.
 * @example throw new AppError("INVALID_CURRENCY_CODE", "Unsupported currency: XYZ", { code: "XYZ" })
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: ErrorStatus;
  readonly details: Record<string, unknown> | undefined;
  /** Extra response headers, e.g. `Retry-After` for RATE_LIMIT_EXCEEDED. */
  readonly headers: Record<string, string>;

  constructor(
    code: ErrorCode,
    message: string,
    details?: Record<string, unknown>,
    options?: { cause?: unknown; headers?: Record<string, string> },
  ) {
    super(message, { cause: options?.cause });
    this.name = "AppError";
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.details = details;
    this.headers = options?.headers ?? {};
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
