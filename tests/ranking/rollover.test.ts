// KST day rollover on the real stack: two replicas behind their sidecars whose clocks the test moves
// (ALLOW_CLOCK_OVERRIDE, test stacks only) across KST midnight.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { addKstDays, kstDateOf } from "@trip/shared";
import { fireCron, getJson, recomputeNow, select, setClock } from "./support/clients.ts";
import { type Replica, startReplicas } from "./support/ranking-replicas.ts";

let replicas: Replica[] = [];
const at = (i: number) => replicas[i % replicas.length] as Replica;
// Real today (KST): the replicas' start-up rollover marked yesterday archived, so the test's days follow it.
const D0 = kstDateOf(new Date());
const D1 = addKstDays(D0, 1);
const D2 = addKstDays(D0, 2);
const D3 = addKstDays(D0, 3);
const D4 = addKstDays(D0, 4);
const kst = (date: string, time: string) => new Date(`${date}T${time}+09:00`).toISOString();
const setClocks = (iso: string, frozen = true) => Promise.all(replicas.map((r) => setClock(r, iso, frozen)));
const daysArchived = async () =>
  (await Promise.all(replicas.map((r) => r.metric("ranking_days_archived_total")))).reduce(
    (a, b) => a + b,
    0,
  );
const pick = async (replica: Replica, country_code: string, client: string) => {
  const answer = await select(replica, { country_code, session_id: client }, `10.99.0.${client.length}`);
  expect(answer.status).toBe(201);
  return answer.body.data as { selection_id: string; country_code: string; date: string };
};
const breakdownOf = async (code: string) => {
  const { status, body } = await getJson(at(0), `/api/v1/rankings/stats/${code}?period=7d`);
  expect(status).toBe(200);
  return Object.fromEntries(
    (body.data.daily_breakdown as { date: string; count: number; rank: number | null }[]).map((d) => [
      d.date,
      d,
    ]),
  );
};

beforeAll(async () => {
  replicas = await startReplicas("rollover", 2, { ALLOW_CLOCK_OVERRIDE: "true" });
}, 90_000);
afterAll(() => Promise.all(replicas.map((r) => r.stop())), 30_000);

describe("KST rollover with injected clocks", () => {
  test("a selection at 23:59:59.999 KST belongs to that day", async () => {
    await setClocks(kst(D0, "23:59:58.000"));
    for (const [i, code] of ["JP", "JP", "TH", "TH"].entries())
      expect((await pick(at(i), code, `d0-${i}`)).date).toBe(D0);
    await setClocks(kst(D0, "23:59:59.999"));
    expect(await pick(at(0), "JP", "d0-last")).toMatchObject({ date: D0, country_code: "JP" });
  });

  test("cron-midnight-kst on both replicas archives the finished day once; the daily ranking starts empty", async () => {
    await setClocks(kst(D1, "00:00:00.000"));
    expect(await Promise.all(replicas.map((r) => fireCron(r, "cron-midnight-kst")))).toEqual([200, 200]);
    expect(await daysArchived()).toBe(1);

    const daily = await getJson(at(1), "/api/v1/rankings?period=daily");
    expect(daily.body.data).toMatchObject({
      date_range: { from: D1, to: D1 },
      total_selections: 0,
      ranking: [],
    });
    const weekly = await getJson(at(1), "/api/v1/rankings?period=weekly&limit=50");
    expect(weekly.body.data.total_selections).toBe(5);
    expect((await breakdownOf("JP"))[D0]).toEqual({ date: D0, count: 3, rank: 1 });
    expect((await breakdownOf("TH"))[D0]).toEqual({ date: D0, count: 2, rank: 2 });
    const totals = await at(0).state<{ total_selections: number; through: string }>(
      "country-stats",
      "country:JP",
    );
    expect(totals).toMatchObject({ total_selections: 3, through: D0 });

    // Running it again, on both replicas, changes nothing.
    await Promise.all(replicas.map((r) => fireCron(r, "cron-midnight-kst")));
    expect(await daysArchived()).toBe(1);
    expect(await at(1).state<unknown>("country-stats", "country:JP")).toEqual(totals);
  });

  test("selections at 23:59:59.999 and 00:00:00.000 KST land on different days before any rollover ran", async () => {
    await setClocks(kst(D1, "12:00:00.000"));
    expect((await pick(at(1), "VN", "d1-vn")).date).toBe(D1);
    await setClocks(kst(D1, "23:59:59.999"));
    expect((await pick(at(0), "GB", "late")).date).toBe(D1);
    await setClocks(kst(D2, "00:00:00.000"));
    expect((await pick(at(1), "GB", "early")).date).toBe(D2);
    // No midnight cron for D1 yet: the minute recomputation finds D1 behind, archives it, then counts D2.
    await recomputeNow(at(0));
    const daily = await getJson(at(0), "/api/v1/rankings?period=daily");
    expect(daily.body.data).toMatchObject({ date_range: { from: D2 }, total_selections: 1 });
    expect(
      daily.body.data.ranking.map((r: { country_code: string; score: number }) => [r.country_code, r.score]),
    ).toEqual([["GB", 1]]);
    const gb = await breakdownOf("GB");
    expect([gb[D1]?.count, gb[D2]?.count]).toEqual([1, 1]);
    expect((await breakdownOf("VN"))[D1]).toEqual({ date: D1, count: 1, rank: 1 });
  });

  test("days missed while no rollover ran are caught up, oldest first, each archived once", async () => {
    const before = await daysArchived();
    await setClocks(kst(D4, "09:30:00.000"), false);
    await Promise.all(replicas.map((r) => fireCron(r, "cron-midnight-kst")));
    expect(await daysArchived()).toBe(before + 2); // D2 and D3
    expect(await at(1).state("country-stats", "rollover")).toMatchObject({ last_archived: D3 });
    const gb = await breakdownOf("GB");
    expect([gb[D1]?.count, gb[D2]?.count, gb[D3]?.count, gb[D4]?.count]).toEqual([1, 1, 0, 0]);
    expect(await at(0).state("country-stats", "country:GB")).toMatchObject({
      total_selections: 2,
      days_selected: 2,
      through: D2,
    });
    const daily = await getJson(at(1), "/api/v1/rankings?period=daily");
    expect(daily.body.data).toMatchObject({ date_range: { from: D4, to: D4 }, ranking: [] });
  });
});
