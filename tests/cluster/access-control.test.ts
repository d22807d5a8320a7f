import { afterAll, describe, expect, test } from "bun:test";
import {
  type AppId,
  appPod,
  appUrl,
  DAPR_HTTP_PORT,
  type Forward,
  getJson,
  portForward,
  secretValue,
} from "./support/cluster.ts";

/**
 * The Dapr Configuration's access control (deny by default, on the SPIFFE identities Sentry issues over
 * mTLS): the web gateway may call the read routes and record selections, nothing else; no other app may
 * invoke anything.
 */
const forwards: Forward[] = [];
afterAll(() => {
  for (const forward of forwards) forward.close();
});

/** Service invocation through the sidecar of `caller`, as its app would do it. */
const invokerOf = async (caller: AppId) => {
  const forward = await portForward(appPod(caller).metadata.name, DAPR_HTTP_PORT);
  forwards.push(forward);
  const token = secretValue("trip-service-dapr-api-token", "token");
  return (target: AppId, method: string, path: string, init: RequestInit = {}) =>
    getJson(`${forward.url}/v1.0/invoke/${target}/method${path}`, {
      ...init,
      method,
      headers: { "dapr-api-token": token, ...(init.headers as Record<string, string> | undefined) },
    });
};

const isPolicyDenial = (response: { status: number; body: unknown }) =>
  response.status === 403 && JSON.stringify(response.body).includes("access control policy");

describe("Dapr access control between the apps", () => {
  test("the web gateway may call the routes it needs", async () => {
    const invoke = await invokerOf("web");
    const allowed = [
      await invoke("currency-service", "GET", "/api/v1/currencies"),
      await invoke("ranking-service", "GET", "/api/v1/rankings?period=daily"),
      await invoke("history-service", "GET", "/api/v1/history?target=USD&period=1w"),
      await invoke("data-ingestor", "GET", "/api/v1/ingest/status"),
    ];
    for (const response of allowed) {
      expect({ status: response.status, success: response.body?.success }).toEqual({
        status: 200,
        success: true,
      });
    }
    const recorded = await invoke("ranking-service", "POST", "/api/v1/rankings/selections", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ country_code: "FR", selection_id: `cluster-acl-${crypto.randomUUID()}` }),
    });
    expect(recorded.status).toBe(201);
  });

  test("the web gateway is denied what it does not need: the ingestor's admin routes, writes, metrics", async () => {
    const invoke = await invokerOf("web");
    const admin = { authorization: `Bearer ${secretValue("admin-token", "admin-token")}` };
    const denied = [
      // Even with the admin token: the policy refuses before the app sees the call.
      await invoke("data-ingestor", "POST", "/api/v1/ingest/run", { headers: admin }),
      await invoke("data-ingestor", "POST", "/api/v1/ingest/backfill?days=1", { headers: admin }),
      await invoke("currency-service", "DELETE", "/api/v1/currencies/USD"),
      await invoke("currency-service", "GET", "/metrics"),
      await invoke("ranking-service", "POST", "/api/v1/rankings/admin/recompute"),
    ];
    for (const response of denied) {
      expect({ status: response.status, denied: isPolicyDenial(response) }).toEqual({
        status: 403,
        denied: true,
      });
    }
  });

  test("an app without a policy entry may invoke nothing", async () => {
    const invoke = await invokerOf("ranking-service");
    const response = await invoke("currency-service", "GET", "/api/v1/currencies/latest?symbols=USD");
    expect({ status: response.status, denied: isPolicyDenial(response) }).toEqual({
      status: 403,
      denied: true,
    });
  });

  test("through the public web gateway, a forbidden route does not exist (404) and an allowed one answers", async () => {
    const web = appUrl("web");
    const allowed = await getJson(`${web}/api/v1/currencies`);
    expect(allowed.status).toBe(200);
    // The gateway forwards any method under /api/v1/currencies; the target's sidecar refuses DELETE.
    const refused = await getJson(`${web}/api/v1/currencies/USD`, { method: "DELETE" });
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBe("NOT_FOUND");
  });
});
