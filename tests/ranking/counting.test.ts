// Exact counting on the real stack: two ranking-service replicas behind their own daprd sidecars, the
// local components (Redis state stores, Redis pub/sub, Redis lock) and the public API.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { COUNTRIES, selectionRecordedEventSchema } from "@trip/shared";
import { waitFor } from "../support/stack.ts";
import { expectRankingUpdatedForRecompute } from "./support/broker.ts";
import { getJson, recomputeNow, select, selectConcurrently } from "./support/clients.ts";
import { type Replica, redisCli, startReplicas } from "./support/ranking-replicas.ts";

const DESTINATIONS = COUNTRIES.filter((c) => c.code !== "KR").map((c) => c.code);
const TWENTY = DESTINATIONS.slice(0, 20);
const RETRIED_COUNTRY = "HR";
const BURST_COUNTRY = "PT";
let replicas: Replica[] = [];
let startedAt = 0;
const accepted = new Set<string>();
const expected: Record<string, number> = {};
const replicaFor = (i: number) => replicas[i % replicas.length] as Replica;

beforeAll(async () => {
  startedAt = Date.now();
  replicas = await startReplicas("counting", 2);
}, 90_000);
afterAll(() => Promise.all(replicas.map((r) => r.stop())), 30_000);

/** Counts so far, read through the public API from the other replica. Weekly, so a run that crosses KST
 * midnight still sees all of its selections (the test database holds nothing else). */
const countedScores = async () => {
  await recomputeNow(replicaFor(0));
  const { status, body } = await getJson(replicaFor(1), "/api/v1/rankings?period=weekly&limit=50");
  expect(status).toBe(200);
  const scores = Object.fromEntries(
    body.data.ranking.map((r: { country_code: string; score: number }) => [r.country_code, r.score]),
  );
  return { total: body.data.total_selections as number, scores };
};

describe("exact counts through the public API", () => {
  test("5,000 concurrent selections over 20 countries: exactly 5,000 counted, per country as sent", async () => {
    // 500 clients (own address and session) × 10 selections each, alternating between the replicas.
    const { answers, sent } = await selectConcurrently(replicas, 5000, TWENTY, "10.77");
    expect(answers.filter((a) => a.status !== 201).map((a) => a.body?.error?.code)).toEqual([]);
    for (const a of answers) accepted.add(a.body.data.selection_id);
    expect(accepted.size).toBe(5000);
    Object.assign(expected, sent);
    const { total, scores } = await countedScores();
    expect(total).toBe(5000);
    expect(scores).toEqual(sent);
  }, 120_000);

  test("1,000 retries of 100 selection ids count 100, every retry answering the same 201 body", async () => {
    const ids = Array.from({ length: 100 }, (_, n) => `retry-${startedAt}-${n}`);
    const answers = await Promise.all(
      Array.from({ length: 1000 }, (_, k) => {
        const n = k % 100;
        return select(
          replicaFor(k),
          { country_code: RETRIED_COUNTRY, selection_id: ids[n], session_id: `retry-${n}` },
          `10.88.0.${n}`,
        );
      }),
    );
    expect(answers.map((a) => a.status).filter((s) => s !== 201)).toEqual([]);
    for (const id of ids) {
      const bodies = new Set(
        answers.filter((a) => a.body.data.selection_id === id).map((a) => JSON.stringify(a.body.data)),
      );
      expect(bodies.size).toBe(1);
      accepted.add(id);
    }
    expected[RETRIED_COUNTRY] = 100;
    const { total, scores } = await countedScores();
    expect(scores[RETRIED_COUNTRY]).toBe(100);
    expect(total).toBe(5100);
  }, 60_000);

  test("one client over its limit gets 429 with Retry-After; the others are unaffected", async () => {
    // Limits are fixed windows aligned to the minute: stay clear of a window boundary.
    if (Date.now() % 60_000 > 50_000) await Bun.sleep(60_000 - (Date.now() % 60_000) + 200);
    const burst = [];
    for (let i = 0; i < 25; i++)
      burst.push(
        await select(replicaFor(0), { country_code: BURST_COUNTRY, session_id: "burst" }, "203.0.113.77"),
      );
    expect(burst.slice(0, 20).map((a) => a.status)).toEqual(Array(20).fill(201));
    for (const limited of burst.slice(20)) {
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe("RATE_LIMIT_EXCEEDED");
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(Number(limited.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    }
    for (const a of burst.slice(0, 20)) accepted.add(a.body.data.selection_id);
    expected[BURST_COUNTRY] = 20;
    const other = await select(
      replicaFor(0),
      { country_code: BURST_COUNTRY, session_id: "calm" },
      "203.0.113.78",
    );
    expect(other.status).toBe(201);
    accepted.add(other.body.data.selection_id);
    expected[BURST_COUNTRY] = 21;
    const { scores } = await countedScores();
    expect(scores).toEqual(expected);
  }, 120_000);

  test("every counted selection is published as ranking.selection-recorded (valid, no raw user ids)", async () => {
    await recomputeNow(replicaFor(1));
    const raw = await redisCli("--raw", "XRANGE", "ranking.selection-recorded", "-", "+");
    const events = raw
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { specversion?: string; data?: unknown })
      .filter((field) => field.specversion === "1.0") // the CloudEvent, not the message metadata
      .map((cloudEvent) => selectionRecordedEventSchema.parse(cloudEvent.data));
    expect(new Set(events.map((e) => e.selection_id))).toEqual(accepted);
  }, 60_000);
});

describe("ranking.updated on the broker", () => {
  test("a recomputation publishes ranking.updated for each period: the contract's shape, the served top 10", async () => {
    const events = await expectRankingUpdatedForRecompute(replicaFor(0), replicaFor(1));
    // 22 countries are ranked by now: the event carries the first 10 of the weekly ranking.
    const weekly = events.find((e) => e.period === "weekly");
    expect(weekly?.top).toHaveLength(10);
    expect(weekly?.top.reduce((sum: number, row: { score: number }) => sum + row.score, 0)).toBeGreaterThan(
      0,
    );
  }, 60_000);
});

describe("two replicas, one recomputation per cron tick", () => {
  test("a minute of cron-ranking ticks on both sidecars gives exactly one recomputation per tick", async () => {
    const sum = async (name: string, labels: Record<string, string> = {}) =>
      (await Promise.all(replicas.map((r) => r.metric(name, labels)))).reduce((a, b) => a + b, 0);
    // Each sidecar fires once a minute from its own start; wait until both have fired and settled.
    await waitFor(
      "both sidecars to tick and their ticks to finish",
      async () => {
        const perReplica = await Promise.all(
          replicas.map((r) => r.metric("cron_ticks_total", { binding: "cron-ranking" })),
        );
        if (perReplica.some((n) => n < 1)) return false;
        const ticks = perReplica.reduce((a, b) => a + b, 0);
        const handled =
          (await sum("ranking_recomputations_total", { trigger: "tick" })) +
          (await sum("ranking_recompute_skipped_total"));
        return handled === ticks;
      },
      { timeoutMs: 150_000, intervalMs: 1000 },
    );
    const ticks = await sum("cron_ticks_total", { binding: "cron-ranking" });
    const recomputed = await sum("ranking_recomputations_total", { trigger: "tick" });
    const alreadyDone = await sum("ranking_recompute_skipped_total", { reason: "already-done" });
    const busy = await sum("ranking_recompute_skipped_total", { reason: "busy" });
    const minutes = Array.from(
      { length: Math.ceil((Date.now() - startedAt) / 60_000) + 2 },
      (_, i) => `${new Date(startedAt + (i - 1) * 60_000).toISOString().slice(0, 16)}Z`,
    );
    const records = (
      await Promise.all(
        minutes.map((m) => replicaFor(0).state<{ tick: string; replica: string }>("rankings", `tick:${m}`)),
      )
    ).filter((r) => r !== undefined);
    console.info(
      `[ranking] ${ticks} ticks → ${recomputed} recomputations, ${alreadyDone} skipped (already done), ticks ${records.map((r) => `${r.tick}@${r.replica}`).join(", ")}`,
    );
    expect(ticks).toBeGreaterThanOrEqual(2);
    expect(busy).toBe(0);
    expect(recomputed + alreadyDone).toBe(ticks);
    // One owner per tick minute, and exactly one recomputation per owned tick.
    expect(records.length).toBe(recomputed);
    expect(new Set(records.map((r) => r.tick)).size).toBe(records.length);
    for (const r of records) expect(replicas.map((x) => x.id)).toContain(r.replica);
  }, 160_000);
});
