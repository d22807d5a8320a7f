import { describe, expect, test } from "bun:test";
import { createLogger } from "../logger.ts";
import { MetricsRegistry } from "../metrics.ts";
import { manualClock } from "../time/clock.ts";
import { requireAppToken, requireBearer } from "./app-token.ts";
import { createServiceApp } from "./create-service-app.ts";

const NOW = "2026-11-27T03:00:00.000Z";
const serviceApp = () =>
  createServiceApp({
    service: "test-service",
    log: createLogger({ service: "test-service", sink: () => {} }),
    clock: manualClock(NOW),
    metrics: new MetricsRegistry(),
  });
const unauthorized = (message: string) => ({
  success: false,
  error: { code: "UNAUTHORIZED", message },
  timestamp: NOW,
});

describe("requireAppToken", () => {
  const guarded = (token: string | undefined) => {
    let reached = 0;
    const app = serviceApp();
    app.use("/cron-ingest", requireAppToken(token));
    app.post("/cron-ingest", (c) => {
      reached += 1;
      return c.json({ ran: true });
    });
    const call = (headers: Record<string, string> = {}) =>
      app.request("/cron-ingest", { method: "POST", headers });
    return { call, reached: () => reached };
  };
  const SIDECAR_ONLY = unauthorized("This route answers only its Dapr sidecar");

  test("no dapr-api-token header: 401 in the error envelope, the handler never runs", async () => {
    const { call, reached } = guarded("app-token-1");
    const res = await call();
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual(SIDECAR_ONLY);
    expect(reached()).toBe(0);
  });

  test("a wrong token is refused, whether or not its length matches", async () => {
    const { call, reached } = guarded("app-token-1");
    for (const sent of ["app-token-2", "app-token", "app-token-11", ""]) {
      const res = await call({ "dapr-api-token": sent });
      expect({ sent, status: res.status }).toEqual({ sent, status: 401 });
      expect(await res.json()).toEqual(SIDECAR_ONLY);
    }
    expect(reached()).toBe(0);
  });

  test("the right token reaches the handler", async () => {
    const { call, reached } = guarded("app-token-1");
    const res = await call({ "dapr-api-token": "app-token-1" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ran: true });
    expect(reached()).toBe(1);
  });

  test("with no token configured every call is refused", async () => {
    const { call, reached } = guarded(undefined);
    expect((await call({ "dapr-api-token": "undefined" })).status).toBe(401);
    expect(reached()).toBe(0);
  });
});

describe("requireBearer", () => {
  const guarded = (token: string | undefined) => {
    const app = serviceApp();
    app.use(
      "/admin/*",
      requireBearer(async () => token),
    );
    app.post("/admin/reingest", (c) => c.json({ ran: true }));
    return (headers: Record<string, string> = {}) =>
      app.request("/admin/reingest", { method: "POST", headers });
  };
  const ADMIN_ONLY = unauthorized("A valid admin token is required");

  test("a missing, wrong or non-Bearer Authorization header is a 401 envelope", async () => {
    const call = guarded("admin-secret");
    for (const authorization of [undefined, "Bearer wrong-secr", "admin-secret", "Basic admin-secret"]) {
      const res = await call(authorization === undefined ? {} : { authorization });
      expect({ authorization, status: res.status }).toEqual({ authorization, status: 401 });
      expect(await res.json()).toEqual(ADMIN_ONLY);
    }
  });

  test("the right bearer token passes; an unreadable token (undefined) refuses everyone", async () => {
    expect((await guarded("admin-secret")({ authorization: "Bearer admin-secret" })).status).toBe(200);
    expect((await guarded(undefined)({ authorization: "Bearer " })).status).toBe(401);
  });
});
