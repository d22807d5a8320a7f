import { describe, expect, test } from "bun:test";
import { manualClock } from "@trip/shared";
import { inMemoryRanking } from "../testing/in-memory-ranking.ts";
import type { JsonBody } from "../testing/json-body.ts";
import { admin, get, select } from "../testing/requests.ts";

const at = () => manualClock("2026-11-27T03:00:00Z");

describe("GET /api/v1/rankings", () => {
  const seeded = async () => {
    const replica = inMemoryRanking({ clock: at() });
    const picks = { JP: 5, TH: 3, US: 3, VN: 1 };
    for (const [country_code, n] of Object.entries(picks))
      for (let i = 0; i < n; i++) await select(replica, { country_code, session_id: `${country_code}${i}` });
    await admin(replica, "/api/v1/rankings/admin/recompute");
    return replica;
  };

  test("daily by default, with names, currency, shares, movement and pagination", async () => {
    const replica = await seeded();
    const { status, body } = await get(replica, "/api/v1/rankings?limit=2");
    expect(status).toBe(200);
    expect(body.data).toEqual({
      period: "daily",
      date_range: { from: "2026-11-27", to: "2026-11-27" },
      total_selections: 12,
      last_updated: "2026-11-27T03:00:00.000Z",
      ranking: [
        {
          rank: 1,
          country_code: "JP",
          country_name: "일본",
          country_name_en: "Japan",
          currency_code: "JPY",
          score: 5,
          selection_count: 5,
          percentage: 41.67,
          change: "NEW",
          change_value: 0,
          previous_rank: null,
        },
        {
          rank: 2,
          country_code: "TH",
          country_name: "태국",
          country_name_en: "Thailand",
          currency_code: "THB",
          score: 3,
          selection_count: 3,
          percentage: 25,
          change: "NEW",
          change_value: 0,
          previous_rank: null,
        },
      ],
      pagination: { current_page: 1, total_pages: 2, has_next: true, has_previous: false },
    });
    const page2 = await get(replica, "/api/v1/rankings?limit=2&offset=2");
    expect(page2.body.data.ranking.map((r: JsonBody) => [r.rank, r.country_code])).toEqual([
      [2, "US"],
      [4, "VN"],
    ]);
    expect(page2.body.data.pagination).toEqual({
      current_page: 2,
      total_pages: 2,
      has_next: false,
      has_previous: true,
    });
  });

  test("weekly and monthly cover 7 and 30 KST days", async () => {
    const replica = await seeded();
    expect((await get(replica, "/api/v1/rankings?period=weekly")).body.data.date_range).toEqual({
      from: "2026-11-21",
      to: "2026-11-27",
    });
    expect((await get(replica, "/api/v1/rankings?period=monthly")).body.data.date_range.from).toBe(
      "2026-10-29",
    );
  });

  test("before the first recomputation the ranking is empty and last_updated is null", async () => {
    const { body } = await get(inMemoryRanking({ clock: at() }), "/api/v1/rankings");
    expect(body.data).toMatchObject({ total_selections: 0, last_updated: null, ranking: [] });
  });

  test("invalid period, limit or offset → 400", async () => {
    const replica = inMemoryRanking({ clock: at() });
    const codeOf = async (query: string) => {
      const { status, body } = await get(replica, `/api/v1/rankings?${query}`);
      return [status, body.error?.code];
    };
    expect(await codeOf("period=yearly")).toEqual([400, "INVALID_PERIOD"]);
    expect(await codeOf("limit=0")).toEqual([400, "DATA_VALIDATION_ERROR"]);
    expect(await codeOf("limit=51")).toEqual([400, "DATA_VALIDATION_ERROR"]);
    expect(await codeOf("offset=-1")).toEqual([400, "DATA_VALIDATION_ERROR"]);
    expect(await codeOf("limit=abc")).toEqual([400, "DATA_VALIDATION_ERROR"]);
    expect((await get(replica, "/api/v1/rankings?limit=50&offset=0")).status).toBe(200);
  });
});
