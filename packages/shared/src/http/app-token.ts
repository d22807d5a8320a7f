import type { MiddlewareHandler } from "hono";
import { AppError } from "../errors.ts";

const constantTimeEqual = (a: string, b: string): boolean => {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
};

/**
 * Accepts a request only from this app's own sidecar: daprd sends the app API token as `dapr-api-token`.
 * Guard `/dapr/*`, cron and subscription routes with it. With no token configured every call is refused.
 * @example app.use("/cron-ingest", requireAppToken(config.APP_API_TOKEN));
 */
export const requireAppToken =
  (token: string | undefined): MiddlewareHandler =>
  async (c, next) => {
    const sent = c.req.header("dapr-api-token");
    if (!token || !sent || !constantTimeEqual(sent, token)) {
      throw new AppError("UNAUTHORIZED", "This route answers only its Dapr sidecar");
    }
    await next();
  };

/**
 * Admin routes: `Authorization: Bearer <admin token>`. The token is resolved lazily (read from the secret store).
 */
export const requireBearer =
  (token: () => Promise<string | undefined>): MiddlewareHandler =>
  async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const sent = header.startsWith("Bearer ") ? header.slice(7) : "";
    const expected = await token();
    if (!expected || !sent || !constantTimeEqual(sent, expected)) {
      throw new AppError("UNAUTHORIZED", "A valid admin token is required");
    }
    await next();
  };
