import { describe, expect, test } from "bun:test";
import { APP_TOKEN, seeded } from "./testing/test-app.ts";

describe("ops and Dapr routes", () => {
  test("the subscription is declared with its dead-letter topic and answers only the sidecar", async () => {
    const t = seeded();
    const subscribe = await t.app.request("/dapr/subscribe", { headers: { "dapr-api-token": APP_TOKEN } });
    expect(await subscribe.json()).toEqual([
      {
        pubsubname: "pubsub",
        topic: "exchange-rates.updated",
        route: "/events/exchange-rates-updated",
        deadLetterTopic: "exchange-rates.updated.dlq",
      },
    ]);
    const anonymous = await t.app.request("/events/exchange-rates-updated", { method: "POST", body: "{}" });
    expect(anonymous.status).toBe(401);
  });
  test("a malformed event is dropped to the dead-letter topic", async () => {
    const res = await seeded().app.request("/events/exchange-rates-updated", {
      method: "POST",
      headers: { "content-type": "application/json", "dapr-api-token": APP_TOKEN },
      body: JSON.stringify({ id: "bad", data: { batch_id: "b", rates: [] } }),
    });
    expect(await res.json()).toEqual({ status: "DROP" });
  });
  test("metrics count cache hits and misses; the OpenAPI document lists every route", async () => {
    const t = seeded();
    await t.get("/api/v1/currencies/latest");
    t.store.down = true;
    t.clock.advance(5000);
    // Past the TTL: answered from memory (a hit) while the refresh finds the cache down and reads
    // MariaDB; the next answer is the database's (a miss).
    await t.get("/api/v1/currencies/latest");
    await Bun.sleep(0);
    expect((await t.get("/api/v1/currencies/latest")).body.data.source).toBe("database");
    const metrics = await (await t.app.request("/metrics")).text();
    expect(metrics).toContain('cache_requests_total{result="hit"} 2');
    expect(metrics).toContain('cache_requests_total{result="miss"} 1');
    const doc = (await (await t.app.request("/openapi.json")).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/currencies",
        "/api/v1/currencies/latest",
        "/api/v1/currencies/convert",
        "/api/v1/currencies/price-index",
        "/api/v1/currencies/{code}",
      ]),
    );
  });
});
