import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { failure } from "../envelope.ts";
import { AppError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import type { Clock } from "../time/clock.ts";

/** Maps what a framework layer throws (body limit, malformed JSON) onto the contract's codes. */
const fromHttpException = (e: HTTPException): AppError => {
  if (e.status === 413) return new AppError("PAYLOAD_TOO_LARGE", "Request body exceeds 64 KiB");
  if (e.status === 401) return new AppError("UNAUTHORIZED", "Unauthorized");
  if (e.status === 404) return new AppError("NOT_FOUND", "Not found");
  if (e.status >= 400 && e.status < 500)
    return new AppError("DATA_VALIDATION_ERROR", "Malformed request body");
  return new AppError("INTERNAL_ERROR", "Internal error");
};

/**
 * The one `onError`: AppErrors become the contract's envelope; anything else is logged and answered as
 * a 500 with no stack, SQL or address in the body.
 */
export const errorHandler =
  (log: Logger, clock: Clock) =>
  (err: Error, c: Context): Response => {
    const appError =
      err instanceof AppError ? err : err instanceof HTTPException ? fromHttpException(err) : undefined;
    if (!appError) {
      log.error("unhandled error", { err, path: c.req.path });
      return c.json(failure("INTERNAL_ERROR", "Internal error", clock.now()), 500);
    }
    if (appError.status >= 500)
      log.warn("request failed", { code: appError.code, err: appError.cause ?? appError });
    for (const [k, v] of Object.entries(appError.headers)) c.header(k, v);
    return c.json(failure(appError.code, appError.message, clock.now(), appError.details), appError.status);
  };
