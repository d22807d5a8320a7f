// The shared stack's ranking-service (scripts/up.sh: port 8002 behind daprd 3502), as clients reach it.
// Light on purpose: the heavy checks run on the suite's own replicas (counting, rollover).
import { describe, expect, test } from "bun:test";
import { getJson, STACK } from "../support/stack.ts";

const url = (path: string) => `${STACK.ranking}${path}`;
const selectionId = `stack-smoke-${Date.now().toString(36)}`;

describe("ranking-service on the shared stack", () => {
  test("is ready (sidecar and ranking store answer)", async () => {
    const { status, body } = await getJson(url("/ready"));
    expect(status).toBe(200);
    expect(body.data.service).toBe("ranking-service");
  });

  test("a selection is 201 with the contract's body and a retry answers the same body", async () => {
    const post = () =>
      getJson(url("/api/v1/rankings/selections"), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ country_code: "JP", selection_id: selectionId, session_id: selectionId }),
      });
    const first = await post();
    expect(first.status).toBe(201);
    expect(first.body.data).toEqual({
      selection_id: selectionId,
      country_code: "JP",
      date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      message: "Selection recorded",
    });
    const retry = await post();
    expect([retry.status, retry.body.data]).toEqual([201, first.body.data]);
  });

  test("rankings and stats answer in the contract's shape; bad input is 400", async () => {
    const ranking = await getJson(url("/api/v1/rankings?period=weekly&limit=5"));
    expect(ranking.status).toBe(200);
    expect(Object.keys(ranking.body.data).sort()).toEqual(
      ["date_range", "last_updated", "pagination", "period", "ranking", "total_selections"].sort(),
    );
    const stats = await getJson(url("/api/v1/rankings/stats/JP?period=30d"));
    expect(stats.status).toBe(200);
    expect(stats.body.data.daily_breakdown).toHaveLength(30);
    expect((await getJson(url("/api/v1/rankings?period=yearly"))).body.error.code).toBe("INVALID_PERIOD");
    expect((await getJson(url("/api/v1/rankings/stats/KR"))).body.error.code).toBe("INVALID_COUNTRY_CODE");
  });
});
