import { describe, expect, test } from "bun:test";
import { manualClock, systemClock } from "@trip/shared";
import { overridableClock } from "../adapters/overridable-clock.ts";
import { ADMIN_TOKEN, APP_TOKEN, inMemoryRanking } from "../testing/in-memory-ranking.ts";
import { type JsonBody, jsonOf } from "../testing/json-body.ts";
import { get } from "../testing/requests.ts";
import { selectionOf } from "../testing/selection-testbed.ts";

type Replica = ReturnType<typeof inMemoryRanking>;
const auth = { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" };
const pick = (replica: Replica, country_code: string) =>
  replica.service.selections.recorder.record(selectionOf(country_code));

describe("GET /api/v1/rankings/stats/{country_code}", () => {
  test("daily breakdown with ranks over 7 KST days, statistics and growth against the week before", async () => {
    const clock = manualClock("2026-11-18T03:00:00Z");
    const replica = inMemoryRanking({ clock });
    await replica.service.startup();
    await pick(replica, "JP"); // 18 Nov: in the previous week
    clock.set("2026-11-25T03:00:00Z");
    await replica.service.crons["cron-ranking"]?.();
    for (let i = 0; i < 2; i++) await pick(replica, "JP");
    for (let i = 0; i < 3; i++) await pick(replica, "TH");
    clock.set("2026-11-27T03:00:00Z");
    await replica.service.admin.rollover();
    for (let i = 0; i < 4; i++) await pick(replica, "JP");
    await replica.service.admin.recompute();

    const { status, body } = await get(replica, "/api/v1/rankings/stats/JP");
    expect(status).toBe(200);
    expect(body.data).toEqual({
      country_code: "JP",
      country_name: "일본",
      period: "7d",
      statistics: {
        total_selections: 6,
        daily_average: 0.86,
        peak_day: "2026-11-27",
        peak_selections: 4,
        growth_rate: 500,
      },
      daily_breakdown: [
        { date: "2026-11-21", count: 0, rank: null },
        { date: "2026-11-22", count: 0, rank: null },
        { date: "2026-11-23", count: 0, rank: null },
        { date: "2026-11-24", count: 0, rank: null },
        { date: "2026-11-25", count: 2, rank: 2 },
        { date: "2026-11-26", count: 0, rank: null },
        { date: "2026-11-27", count: 4, rank: 1 },
      ],
    });
    expect(
      (await get(replica, "/api/v1/rankings/stats/jp?period=30d")).body.data.daily_breakdown,
    ).toHaveLength(30);
    expect(
      (await get(replica, "/api/v1/rankings/stats/JP?period=90d")).body.data.statistics.total_selections,
    ).toBe(7);
  });

  test("unknown or home country → 400 INVALID_COUNTRY_CODE; bad period → 400 INVALID_PERIOD", async () => {
    const replica = inMemoryRanking({ clock: manualClock("2026-11-27T03:00:00Z") });
    for (const code of ["ZZ", "KR", "JPN"]) {
      const { status, body } = await get(replica, `/api/v1/rankings/stats/${code}`);
      expect([status, body.error.code]).toEqual([400, "INVALID_COUNTRY_CODE"]);
    }
    const { status, body } = await get(replica, "/api/v1/rankings/stats/JP?period=1y");
    expect([status, body.error.code]).toEqual([400, "INVALID_PERIOD"]);
  });
});

describe("admin and sidecar-only routes", () => {
  test("admin routes need the admin token", async () => {
    const replica = inMemoryRanking({ clock: manualClock("2026-11-27T03:00:00Z") });
    const denied = await replica.app.request("/api/v1/rankings/admin/recompute", { method: "POST" });
    expect(denied.status).toBe(401);
    const wrong = await replica.app.request("/api/v1/rankings/admin/rollover", {
      method: "POST",
      headers: { authorization: "Bearer nope" },
    });
    expect(wrong.status).toBe(401);
    const ok = await replica.app.request("/api/v1/rankings/admin/recompute", {
      method: "POST",
      headers: auth,
    });
    expect((await jsonOf(ok)).data).toEqual({ outcome: "recomputed" });
  });

  test("the clock route exists only when the override is allowed, and moves the replica's day", async () => {
    const plain = inMemoryRanking({ clock: systemClock });
    const put = (replica: Replica, now: string | null) =>
      replica.app.request("/api/v1/rankings/admin/clock", {
        method: "PUT",
        headers: auth,
        body: JSON.stringify({ now }),
      });
    expect((await put(plain, "2030-01-01T00:00:00.000Z")).status).toBe(404);
    const clock = overridableClock(systemClock);
    const testable = inMemoryRanking({ clock, clockOverride: clock });
    const moved = await put(testable, "2030-01-01T14:59:59.000Z");
    expect(moved.status).toBe(200);
    const res = await testable.app.request("/api/v1/rankings/selections", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ country_code: "JP" }),
    });
    expect((await jsonOf(res)).data.date).toBe("2030-01-01");
    await put(testable, null);
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(1000);
  });

  test("cron routes answer only the sidecar (app token)", async () => {
    const replica = inMemoryRanking({ clock: manualClock("2026-11-27T03:00:00Z") });
    expect((await replica.app.request("/cron-ranking", { method: "POST" })).status).toBe(401);
    const res = await replica.app.request("/cron-ranking", {
      method: "POST",
      headers: { "dapr-api-token": APP_TOKEN },
    });
    expect(res.status).toBe(200);
    expect(
      (
        await replica.app.request("/cron-midnight-kst", {
          method: "OPTIONS",
          headers: { "dapr-api-token": APP_TOKEN },
        })
      ).status,
    ).toBe(200);
  });

  test("/openapi.json documents the public routes from the same schemas", async () => {
    const replica = inMemoryRanking({ clock: manualClock("2026-11-27T03:00:00Z") });
    const doc = await jsonOf(await replica.app.request("/openapi.json"));
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/rankings/selections",
        "/api/v1/rankings",
        "/api/v1/rankings/stats/{country_code}",
      ]),
    );
    expect(doc.paths["/api/v1/rankings"].get.parameters.map((p: JsonBody) => p.name)).toEqual([
      "period",
      "limit",
      "offset",
    ]);
  });
});
