import type { z } from "zod";
import { AppError, type ErrorCode } from "../errors.ts";

/** Which error code a failed field answers with, by field name (the contract's codes). */
export const FIELD_ERROR_CODES: Record<string, ErrorCode> = {
  symbols: "INVALID_CURRENCY_CODE",
  base: "INVALID_CURRENCY_CODE",
  from: "INVALID_CURRENCY_CODE",
  to: "INVALID_CURRENCY_CODE",
  code: "INVALID_CURRENCY_CODE",
  target: "INVALID_CURRENCY_CODE",
  targets: "INVALID_CURRENCY_CODE",
  country: "INVALID_COUNTRY_CODE",
  country_code: "INVALID_COUNTRY_CODE",
  base_country: "INVALID_COUNTRY_CODE",
  period: "INVALID_PERIOD",
  interval: "INVALID_PERIOD",
};

/**
 * Turns a zod failure into the contract's 400: a missing field is MISSING_PARAMETER, a known field gets
 * its own code (INVALID_PERIOD, INVALID_CURRENCY_CODE, …), anything else DATA_VALIDATION_ERROR.
 */
export const validationError = (
  error: z.ZodError,
  codes: Record<string, ErrorCode> = FIELD_ERROR_CODES,
): AppError => {
  const issue = error.issues[0];
  const field = issue ? String(issue.path[0] ?? "") : "";
  const fields = error.issues.map((i) => ({ field: i.path.join("."), message: i.message }));
  const missing = issue?.code === "invalid_type" && /received undefined/.test(issue.message);
  const code: ErrorCode =
    codes[field] && !missing
      ? (codes[field] as ErrorCode)
      : missing
        ? "MISSING_PARAMETER"
        : "DATA_VALIDATION_ERROR";
  const message = missing
    ? `Missing required parameter: ${field}`
    : `Invalid ${field || "request"}: ${issue?.message ?? "invalid"}`;
  return new AppError(code, message, { fields });
};

/**
 * Parses a value with a schema outside the OpenAPI validator (for a route that validates only when it
 * has something to validate); a failure is the same 400 the validator gives.
 */
export const parseOrThrow = <S extends z.ZodType>(schema: S, value: unknown): z.output<S> => {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error);
  return result.data;
};

/** The `defaultHook` for OpenAPIHono: every zod failure becomes an AppError handled by `onError`. */
export const validationHook = (result: { success: boolean; error?: unknown }): void => {
  if (!result.success) throw validationError(result.error as z.ZodError);
};
