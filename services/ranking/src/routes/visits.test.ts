import { describe, expect, test } from "bun:test";
import { manualClock, type SelectionRecordedEvent } from "@trip/shared";
import { VISIT_REFERRER, visitSelectionId } from "../domain/visit-selections.ts";
import { inMemoryRanking, metricValue } from "../testing/in-memory-ranking.ts";
import { jsonOf } from "../testing/json-body.ts";
import { admin, get, select } from "../testing/requests.ts";

const at = () => manualClock("2026-11-27T03:00:00Z");
type Replica = ReturnType<typeof inMemoryRanking>;

/** The old frontend's call: JSON body, Content-Type and X-Correlation-ID (../shared/legacy.md). */
const visit = (replica: Replica, body: unknown, correlationId: string = crypto.randomUUID(), extra = {}) =>
  replica.app.request("/api/v1/rankings/update", {
    method: "POST",
    headers: { "content-type": "application/json", "x-correlation-id": correlationId, ...extra },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

const dailyScores = async (replica: Replica) => {
  await admin(replica, "/api/v1/rankings/admin/recompute");
  const { body } = await get(replica, "/api/v1/rankings?period=daily&limit=50");
  return Object.fromEntries(
    body.data.ranking.map((r: { country_code: string; score: number }) => [r.country_code, r.score]),
  );
};

describe("POST /api/v1/rankings/update (old frontend, deprecated)", () => {
  test("200; each distinct country of the visit is one selection, counted like POST /selections", async () => {
    const replica = inMemoryRanking({ clock: at() });
    const res = await visit(replica, { countries: ["JP", "th", "JP"], period: "daily" }, "corr-visit-0001");
    expect(res.status).toBe(200);
    const body = await jsonOf(res);
    expect(body).toEqual({
      success: true,
      data: {
        selections: [
          {
            selection_id: await visitSelectionId("corr-visit-0001", "JP"),
            country_code: "JP",
            date: "2026-11-27",
            message: "Selection recorded",
          },
          {
            selection_id: await visitSelectionId("corr-visit-0001", "TH"),
            country_code: "TH",
            date: "2026-11-27",
            message: "Selection recorded",
          },
        ],
        message: "Visit recorded as 2 selections",
      },
      timestamp: "2026-11-27T03:00:00.000Z",
      version: "v1",
    });
    await select(replica, { country_code: "JP" });
    expect(await dailyScores(replica)).toEqual({ JP: 2, TH: 1 });
  });

  test("the ranking entries carry selection_count beside score (what the old frontend reads first)", async () => {
    const replica = inMemoryRanking({ clock: at() });
    await visit(replica, { countries: ["VN"] });
    await admin(replica, "/api/v1/rankings/admin/recompute");
    const { body } = await get(replica, "/api/v1/rankings");
    expect(body.data.ranking[0]).toMatchObject({ country_code: "VN", score: 1, selection_count: 1 });
  });

  test("a replay of the same request (same X-Correlation-ID) is counted once and answers the same body", async () => {
    const replica = inMemoryRanking({ clock: at() });
    const first = await jsonOf(await visit(replica, { countries: ["FR", "IT"] }, "corr-replayed-01"));
    const again = await jsonOf(await visit(replica, { countries: ["FR", "IT"] }, "corr-replayed-01"));
    expect(again.data).toEqual(first.data);
    await visit(replica, { countries: ["FR"] }, "corr-another-001");
    expect(await dailyScores(replica)).toEqual({ FR: 2, IT: 1 });
    expect(metricValue(replica.metrics, "selections_total", { result: "replayed" })).toBe(2);
  });

  test("the selections are anonymous: no user or session, referrer names the old route", async () => {
    const replica = inMemoryRanking({ clock: at() });
    await visit(replica, { countries: ["JP"] }, "corr-anonymous-1");
    await admin(replica, "/api/v1/rankings/admin/recompute");
    const [event] = replica.backends.publisher.of<SelectionRecordedEvent>("ranking.selection-recorded");
    expect(event).toMatchObject({ country_code: "JP", user_hash: null, session_id: null });
    expect(JSON.stringify([...replica.backends.dailySelections.dump()])).toContain(VISIT_REFERRER);
  });

  test("unknown or home countries and bad bodies are 400 and count nothing", async () => {
    const replica = inMemoryRanking({ clock: at() });
    const codeOf = async (body: unknown) => {
      const res = await visit(replica, body);
      return [res.status, (await jsonOf(res)).error.code];
    };
    expect(await codeOf({ countries: ["JP", "ZZ"] })).toEqual([400, "INVALID_COUNTRY_CODE"]);
    expect(await codeOf({ countries: ["KR"] })).toEqual([400, "INVALID_COUNTRY_CODE"]);
    expect(await codeOf({ countries: [] })).toEqual([400, "DATA_VALIDATION_ERROR"]);
    expect(await codeOf({ countries: Array.from({ length: 11 }, () => "JP") })).toEqual([
      400,
      "DATA_VALIDATION_ERROR",
    ]);
    expect(await codeOf({})).toEqual([400, "MISSING_PARAMETER"]);
    expect(await codeOf({ countries: ["JP"], period: "yearly" })).toEqual([400, "INVALID_PERIOD"]);
    expect(await codeOf("{not json")).toEqual([400, "DATA_VALIDATION_ERROR"]);
    expect(await dailyScores(replica)).toEqual({});
  });

  test("shares the address's rate limit with POST /selections: room for every country or 429 for all", async () => {
    const replica = inMemoryRanking({ clock: at(), env: { RATE_LIMIT_PER_ADDRESS: "4" } });
    expect((await select(replica, { country_code: "JP" })).status).toBe(201);
    expect((await visit(replica, { countries: ["FR", "IT"] })).status).toBe(200);
    const limited = await visit(replica, { countries: ["ES", "PT"] });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("60");
    expect((await jsonOf(limited)).error.code).toBe("RATE_LIMIT_EXCEEDED");
    expect((await visit(replica, { countries: ["ES"] })).status).toBe(200);
    expect(await dailyScores(replica)).toEqual({ JP: 1, FR: 1, IT: 1, ES: 1 });
  });

  test("deprecated in /openapi.json and counted in legacy_client_requests_total", async () => {
    const replica = inMemoryRanking({ clock: at() });
    await visit(replica, { countries: ["JP"] });
    await visit(replica, { countries: ["ZZ"] });
    await select(replica, { country_code: "JP" });
    const doc = (await get(replica, "/openapi.json")).body;
    expect(doc.paths["/api/v1/rankings/update"].post.deprecated).toBe(true);
    expect(doc.paths["/api/v1/rankings/selections"].post.deprecated).toBeUndefined();
    const route = { route: "/api/v1/rankings/update", method: "POST" };
    expect(metricValue(replica.metrics, "legacy_client_requests_total", { ...route, status: "200" })).toBe(1);
    expect(metricValue(replica.metrics, "legacy_client_requests_total", { ...route, status: "400" })).toBe(1);
    expect(metricValue(replica.metrics, "legacy_client_requests_total")).toBe(2);
  });

  test("LEGACY_CLIENT_COMPAT=false: 404, absent from /openapi.json, nothing counted", async () => {
    const replica = inMemoryRanking({ clock: at(), env: { LEGACY_CLIENT_COMPAT: "false" } });
    const res = await visit(replica, { countries: ["JP"] });
    expect([res.status, (await jsonOf(res)).error.code]).toEqual([404, "NOT_FOUND"]);
    expect((await get(replica, "/openapi.json")).body.paths["/api/v1/rankings/update"]).toBeUndefined();
    expect(await dailyScores(replica)).toEqual({});
  });
});
