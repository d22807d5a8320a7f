import { describe, expect, test } from "bun:test";
import { DaprError, manualClock, type SelectionRecordedEvent } from "@trip/shared";
import { hashUserId } from "../domain/user-hash.ts";
import { inMemoryRanking, SALT } from "../testing/in-memory-ranking.ts";
import { jsonOf } from "../testing/json-body.ts";
import { admin, select } from "../testing/requests.ts";

const at = () => manualClock("2026-11-27T03:00:00Z");

describe("POST /api/v1/rankings/selections", () => {
  test("201 with the contract's body; a retry with the same selection_id answers the same body", async () => {
    const replica = inMemoryRanking({ clock: at() });
    const first = await select(replica, { country_code: "JP", selection_id: "sel-1", session_id: "s" });
    expect(first.status).toBe(201);
    const body = await jsonOf(first);
    expect(body).toEqual({
      success: true,
      data: { selection_id: "sel-1", country_code: "JP", date: "2026-11-27", message: "Selection recorded" },
      timestamp: "2026-11-27T03:00:00.000Z",
      version: "v1",
    });
    const retry = await select(replica, { country_code: "JP", selection_id: "sel-1", session_id: "s" });
    expect(retry.status).toBe(201);
    expect((await jsonOf(retry)).data).toEqual(body.data);
  });

  test("lower-case codes are accepted; unknown codes and KR (home, not a destination) are 400", async () => {
    const replica = inMemoryRanking({ clock: at() });
    expect((await jsonOf(await select(replica, { country_code: "th" }))).data.country_code).toBe("TH");
    for (const country_code of ["ZZ", "KR", "JPN", "1"]) {
      const res = await select(replica, { country_code });
      expect(res.status).toBe(400);
      expect((await jsonOf(res)).error.code).toBe("INVALID_COUNTRY_CODE");
    }
  });

  test("malformed bodies are 400 with the contract's codes", async () => {
    const replica = inMemoryRanking({ clock: at() });
    const codeOf = async (body: unknown) => {
      const res = await select(replica, body);
      return [res.status, (await jsonOf(res)).error.code];
    };
    expect(await codeOf({})).toEqual([400, "MISSING_PARAMETER"]);
    expect(await codeOf("{not json")).toEqual([400, "DATA_VALIDATION_ERROR"]);
    expect(await codeOf({ country_code: "JP", selection_id: "has space" })).toEqual([
      400,
      "DATA_VALIDATION_ERROR",
    ]);
    expect(await codeOf({ country_code: "JP", session_id: "x".repeat(129) })).toEqual([
      400,
      "DATA_VALIDATION_ERROR",
    ]);
  });

  test("too many selections from one session → 429 with Retry-After; other sessions are not affected", async () => {
    const replica = inMemoryRanking({ clock: at(), env: { RATE_LIMIT_PER_CLIENT: "2" } });
    for (let i = 0; i < 2; i++)
      expect((await select(replica, { country_code: "JP", session_id: "a" })).status).toBe(201);
    const limited = await select(replica, { country_code: "JP", session_id: "a" });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("60");
    expect((await jsonOf(limited)).error).toMatchObject({ code: "RATE_LIMIT_EXCEEDED" });
    expect((await select(replica, { country_code: "JP", session_id: "b" })).status).toBe(201);
  });

  test("the address limit ignores X-Forwarded-For unless a proxy hop is trusted", async () => {
    const untrusted = inMemoryRanking({ clock: at(), env: { RATE_LIMIT_PER_ADDRESS: "2" } });
    const spoofed = (i: number) => ({ "x-forwarded-for": `198.51.100.${i}` });
    expect((await select(untrusted, { country_code: "JP" }, spoofed(1))).status).toBe(201);
    expect((await select(untrusted, { country_code: "JP" }, spoofed(2))).status).toBe(201);
    expect((await select(untrusted, { country_code: "JP" }, spoofed(3))).status).toBe(429);
    const behindProxy = inMemoryRanking({
      clock: at(),
      env: { RATE_LIMIT_PER_ADDRESS: "2", TRUSTED_PROXY_HOPS: "1" },
    });
    for (let i = 0; i < 5; i++)
      expect((await select(behindProxy, { country_code: "JP" }, spoofed(i))).status).toBe(201);
  });

  test("a raw user id never leaves the service: events and stores hold only its salted hash", async () => {
    const replica = inMemoryRanking({ clock: at() });
    await select(replica, { country_code: "JP", user_id: "alice@example.com", selection_id: "u-1" });
    await admin(replica, "/api/v1/rankings/admin/recompute");
    const [event] = replica.backends.publisher.of<SelectionRecordedEvent>("ranking.selection-recorded");
    expect(event?.user_hash).toBe(await hashUserId(SALT, "alice@example.com"));
    const everything = JSON.stringify([
      replica.backends.publisher.published,
      [...replica.backends.dailySelections.dump()],
      [...replica.backends.rankings.dump()],
      [...replica.backends.countryStats.dump()],
    ]);
    expect(everything).not.toContain("alice");
  });

  test("a store that does not answer is 503 DATABASE_UNAVAILABLE without internals", async () => {
    const replica = inMemoryRanking({ clock: at() });
    replica.backends.dailySelections.intercept = () => {
      throw new DaprError("state get daily-selections", 500, "dial tcp 10.0.0.7:27017: connection refused");
    };
    const res = await select(replica, { country_code: "JP" });
    expect(res.status).toBe(503);
    const text = await res.text();
    expect(JSON.parse(text).error.code).toBe("DATABASE_UNAVAILABLE");
    expect(text).not.toContain("10.0.0.7");
  });
});
