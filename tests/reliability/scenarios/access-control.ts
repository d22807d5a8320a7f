/**
 * Nobody uses routes that are not theirs: `/dapr/*`, cron and subscription routes answer only the app's
 * own sidecar (app token), admin routes only the admin token, and each sidecar only its app (Dapr API
 * token). Tokens are not interchangeable. Service invocation and the secret store follow the Dapr
 * Configuration's access control and secret scopes. Only refusals are tried here — never a call that
 * would act.
 */
import { describe, expect, test } from "bun:test";
import { type Answer, send } from "../support/client.ts";
import { contractProblems } from "../support/contract.ts";
import { routesOf } from "../support/openapi-routes.ts";
import { cronBindingsOf, subscriptionRoutesOf } from "../support/sidecar-routes.ts";
import { SERVICES, STACK, sidecarUrlOf, tokens } from "../support/stack-env.ts";
import { scenario, type Tally } from "../support/summary.ts";

const refused = (tally: Tally, answer: Answer, what: string, failures: string[]) => {
  tally.inputsTried += 1;
  if (answer.status !== 401) failures.push(`${what}: ${answer.status}`);
};

/** A CloudEvent that would be acted on if the route let it through. */
const cloudEvent = JSON.stringify({
  id: "reliability",
  specversion: "1.0",
  type: "x",
  source: "x",
  data: {},
});

describe("routes that are not the caller's", () => {
  test("/dapr/*, cron and subscription routes refuse calls without the app token", async () => {
    await scenario("access", "sidecar-only app routes without the app token", async (tally) => {
      const { app, dapr, admin } = tokens();
      const failures: string[] = [];
      const wrongTokens: Array<Record<string, string>> = [
        {},
        { "dapr-api-token": "wrong" },
        { "dapr-api-token": dapr },
        { "dapr-api-token": admin },
        { authorization: `Bearer ${app}` },
      ];
      let routes = 0;
      for (const service of SERVICES) {
        const targets: Array<[string, string]> = [["GET", "/dapr/subscribe"]];
        for (const route of await subscriptionRoutesOf(service)) targets.push(["POST", route]);
        for (const binding of cronBindingsOf(service.appId))
          targets.push(["POST", `/${binding}`], ["OPTIONS", `/${binding}`]);
        routes += targets.length;
        for (const [method, path] of targets)
          for (const headers of wrongTokens) {
            const body = method === "POST" ? cloudEvent : undefined;
            const answer = await send(`${service.url}${path}`, { method, headers, body });
            refused(
              tally,
              answer,
              `${service.appId} ${method} ${path} ${Object.keys(headers).join()}`,
              failures,
            );
            if (method !== "OPTIONS" && answer.status === 401) {
              expect(answer.json?.error?.code).toBe("UNAUTHORIZED");
              expect(contractProblems(answer)).toEqual([]);
            }
          }
      }
      tally.notes.push(`${routes} routes × ${wrongTokens.length} wrong credentials`);
      expect(failures).toEqual([]);
      expect(routes).toBeGreaterThanOrEqual(SERVICES.length + 4);
    });
  });

  test("admin routes refuse calls without the admin token", async () => {
    await scenario("access", "admin routes without the admin token", async (tally) => {
      const { app, dapr, admin } = tokens();
      const failures: string[] = [];
      const wrongAuth: Array<Record<string, string>> = [
        {},
        { authorization: "Bearer " },
        { authorization: "Bearer wrong" },
        { authorization: `Bearer ${app}` },
        { authorization: `Bearer ${dapr}` },
        { authorization: `Bearer ${admin}x` },
        { authorization: `Basic ${btoa(`admin:${admin}`)}` },
        { authorization: admin },
        { "dapr-api-token": app },
      ];
      const adminRoutes = (await Promise.all(SERVICES.map((s) => routesOf(s.appId, s.url))))
        .flat()
        .filter((route) => route.requiresAdmin);
      for (const route of adminRoutes)
        for (const headers of wrongAuth) {
          const path = route.path.replace(/\{\w+\}/g, "x");
          const answer = await send(`${route.baseUrl}${path}`, {
            method: route.method,
            headers: { "content-type": "application/json", ...headers },
            ...(route.method === "GET" ? {} : { body: "{}" }),
          });
          refused(tally, answer, `${route.service} ${route.method} ${route.path}`, failures);
          if (answer.status === 401) expect(answer.json?.error?.code).toBe("UNAUTHORIZED");
        }
      tally.notes.push(`${adminRoutes.length} admin routes: ${adminRoutes.map((r) => r.path).join(", ")}`);
      expect(failures).toEqual([]);
      expect(adminRoutes.length).toBeGreaterThanOrEqual(3);
    });
  });

  test("each sidecar refuses calls without its Dapr API token", async () => {
    await scenario("access", "sidecar API without the Dapr API token", async (tally) => {
      const { app, dapr } = tokens();
      const failures: string[] = [];
      for (const service of SERVICES) {
        const sidecar = sidecarUrlOf(service);
        const calls: Array<[string, string, string | undefined]> = [
          ["GET", "/v1.0/metadata", undefined],
          ["GET", "/v1.0/secrets/secretstore/admin-token", undefined],
          ["GET", "/v1.0/state/cache/rate:USD", undefined],
          ["GET", `/v1.0/invoke/${service.appId}/method/health`, undefined],
          ["POST", "/v1.0/publish/pubsub/exchange-rates.updated", "{}"],
          ["POST", "/v1.0/bindings/trip-db", '{"operation":"query","metadata":{"sql":"SELECT 1"}}'],
        ];
        for (const [method, path, body] of calls)
          for (const headers of [{}, { "dapr-api-token": app }, { "dapr-api-token": "wrong" }] as Record<
            string,
            string
          >[]) {
            const answer = await send(`${sidecar}${path}`, { method, headers, body });
            refused(tally, answer, `${service.appId} sidecar ${method} ${path}`, failures);
          }
        // The token itself works, so the refusals above are about the token and nothing else.
        const allowed = await send(`${sidecar}/v1.0/metadata`, { headers: { "dapr-api-token": dapr } });
        expect(allowed.status).toBe(200);
      }
      expect(failures).toEqual([]);
    });
  });
});

describe("the Dapr Configuration's policies, on the identities mTLS gives (dapr/config.yaml)", () => {
  test("service invocation: the web gateway reaches its routes, nothing else and nobody else does", async () => {
    await scenario("access", "invocation access control (mTLS identities)", async (tally) => {
      const { dapr } = tokens();
      const through = (sidecar: string, method: string, target: string, path: string) => {
        tally.inputsTried += 1;
        return send(`${sidecar}/v1.0/invoke/${target}/method${path}`, {
          method,
          headers: { "dapr-api-token": dapr },
          ...(method === "POST" ? { body: "{}" } : {}),
        });
      };
      const denied = (answer: Answer) =>
        answer.status === 403 && answer.text.includes("access control policy");
      const allowed = await through(STACK.sidecars.web, "GET", "currency-service", "/api/v1/currencies");
      expect(allowed.status).toBe(200);
      // A route the web may not call: the ingestor's admin API (refused before it reaches the app).
      const adminRoute = await through(STACK.sidecars.web, "POST", "data-ingestor", "/api/v1/ingest/run");
      expect({ status: adminRoute.status, denied: denied(adminRoute) }).toEqual({
        status: 403,
        denied: true,
      });
      // A caller the policy does not list: ranking-service's identity.
      const unlisted = await through(STACK.sidecars.ranking, "GET", "currency-service", "/api/v1/currencies");
      expect({ status: unlisted.status, denied: denied(unlisted) }).toEqual({ status: 403, denied: true });
      tally.notes.push("web → currency allowed; web → ingestor admin and ranking → currency refused (403)");
    });
  });

  test("secret scopes: an app reads admin-token and user-hash-salt, never an infrastructure credential", async () => {
    await scenario("access", "secret scopes of the secret store", async (tally) => {
      const { dapr } = tokens();
      // Plain fetch, not send(): these answers hold secrets, which the leak scan rightly flags.
      const read = async (key: string) => {
        tally.inputsTried += 1;
        const response = await fetch(`${STACK.sidecars.currency}/v1.0/secrets/secretstore/${key}`, {
          headers: { "dapr-api-token": dapr },
        });
        await response.body?.cancel();
        return response.status;
      };
      expect(await read("admin-token")).toBe(200);
      expect(await read("user-hash-salt")).toBe(200);
      for (const key of ["redis-password", "mysql-dsn", "dapr-api-token"]) expect(await read(key)).toBe(403);
    });
  });
});
