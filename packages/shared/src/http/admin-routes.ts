import { createRoute, type OpenAPIHono, type RouteConfig } from "@hono/zod-openapi";
import type { Env } from "hono";
import { requireBearer } from "./app-token.ts";
import { errorContent } from "./route-content.ts";

/** The name of the admin bearer scheme in every service's /openapi.json. */
export const ADMIN_SECURITY_SCHEME = "adminToken";

const registered = new WeakSet<object>();

/**
 * The admin routes of one app. Registers the bearer security scheme in /openapi.json (once per app)
 * and gives `route(config)`, which declares an admin route with the scheme's security requirement,
 * the admin guard (`Authorization: Bearer <admin token>`, else 401 UNAUTHORIZED) and its documented
 * 401 response. The token is resolved lazily (read from the secret store).
 * @example
 * const admin = adminRoutes(app, deps.adminToken);
 * app.openapi(admin.route({ method: "post", path: "/api/v1/ingest/run", responses }), handler);
 */
export const adminRoutes = <E extends Env>(app: OpenAPIHono<E>, token: () => Promise<string | undefined>) => {
  if (!registered.has(app)) {
    app.openAPIRegistry.registerComponent("securitySchemes", ADMIN_SECURITY_SCHEME, {
      type: "http",
      scheme: "bearer",
    });
    registered.add(app);
  }
  const guard = requireBearer(token);
  const unauthorized = errorContent("Missing or wrong admin token (UNAUTHORIZED)");
  return {
    route: <R extends Omit<RouteConfig, "security" | "middleware">>(config: R) =>
      createRoute({
        ...config,
        security: [{ [ADMIN_SECURITY_SCHEME]: [] }],
        middleware: [guard] as const,
        responses: { ...config.responses, 401: unauthorized },
      }),
  };
};

export type AdminRoutes = ReturnType<typeof adminRoutes>;
