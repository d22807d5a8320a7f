/**
 * Redis stopped (the real redis-server of the stack, by its pid file): currency-service answers from
 * MariaDB (`source: "database"`), `/health` says degraded, `/ready` stays ready. Redis back: the cache
 * keys are written again by currency-service itself — no restart — and no selection accepted before or
 * during the outage is lost (Redis also holds the ranking stores).
 */
import { describe, expect, test } from "bun:test";
import { waitFor } from "../../support/stack.ts";
import { type Answer, getJson, postJson } from "../support/client.ts";
import { contractProblems } from "../support/contract.ts";
import { withInfraStopped } from "../support/infra-control.ts";
import { listenerPid } from "../support/processes.ts";
import { exactDailyCounts } from "../support/ranking-counts.ts";
import { redisCli, redisKeys } from "../support/redis-cli.ts";
import { countsByCountry } from "../support/selection-load.ts";
import { STACK, serviceOf } from "../support/stack-env.ts";
import { SOAK, scenario, type Tally } from "../support/summary.ts";

const latest = () => getJson(`${STACK.currency}/api/v1/currencies/latest?symbols=USD,JPY`);

/** Reads the whole currency API must keep answering while Redis is down. */
const currencyServesFromDatabase = async (tally: Tally) => {
  const health = await waitFor(
    "currency /health degraded",
    async () => {
      const answer = await getJson(`${STACK.currency}/health`);
      return answer.json?.data?.status === "degraded" ? answer : undefined;
    },
    { timeoutMs: 20_000, intervalMs: 500 },
  );
  expect(health.status).toBe(200);
  expect(health.json.data.checks.cache.status).toBe("down");
  const fromDatabase = await waitFor(
    'latest rates with source "database"',
    async () => {
      const answer = await latest();
      return answer.status === 200 && answer.json.data.source === "database" ? answer : undefined;
    },
    { timeoutMs: 20_000, intervalMs: 500 },
  );
  expect(fromDatabase.json.data.rates.USD).toBeGreaterThan(0);
  // "/ready stays ready": sampled for a few seconds, every answer must be 200.
  const notReady: string[] = [];
  for (let i = 0; i < (SOAK ? 60 : 10); i++) {
    const ready = await getJson(`${STACK.currency}/ready`);
    if (ready.status !== 200) notReady.push(`${ready.status} ${ready.text.slice(0, 300)}`);
    await Bun.sleep(500);
  }
  expect(notReady).toEqual([]);
  const reads: Answer[] = [
    await latest(),
    await getJson(`${STACK.currency}/api/v1/currencies/convert?from=USD&to=JPY&amount=100`),
    await getJson(`${STACK.currency}/api/v1/currencies/USD`),
    await getJson(`${STACK.currency}/api/v1/currencies`),
    await getJson(`${STACK.history}/api/v1/history?target=USD&period=1w`),
  ];
  tally.inputsTried += reads.length;
  expect(reads.filter((a) => a.status !== 200).map((a) => `${a.status} ${a.text.slice(0, 200)}`)).toEqual([]);
  for (const answer of reads) expect(contractProblems(answer)).toEqual([]);
};

describe("Redis stopped", () => {
  test("currency answers from MariaDB, reports degraded, stays ready; the cache refills; no selection lost", async () => {
    await scenario("fault", "Redis stopped", async (tally) => {
      const currencyPid = listenerPid(serviceOf("currency").appPort);
      const before = await exactDailyCounts();
      const acceptedDuringOutage = new Map<string, string>();
      tally.faultsInjected += 1;
      await withInfraStopped("redis", async () => {
        await currencyServesFromDatabase(tally);
        // Ranking cannot store a selection without Redis: it must say so in the contract's terms, and any
        // 201 it does give must be counted later.
        for (let i = 0; i < 3; i++) {
          const id = `rel-redis-${Date.now()}-${i}`;
          const answer = await postJson(`${STACK.ranking}/api/v1/rankings/selections`, {
            country_code: "VN",
            selection_id: id,
          });
          tally.inputsTried += 1;
          expect(contractProblems(answer, [], { unavailableAllowed: true })).toEqual([]);
          if (answer.status === 201) acceptedDuringOutage.set(id, "VN");
        }
        const rankings = await getJson(`${STACK.ranking}/api/v1/rankings?period=daily`);
        expect(contractProblems(rankings, [], { unavailableAllowed: true })).toEqual([]);
      });
      // Back: a cache that lost its rate keys is written again by currency-service's read path.
      for (const key of [...redisKeys("rate:*"), ...redisKeys("rates:latest")]) redisCli(["DEL", key]);
      const fromCache = await waitFor(
        'latest rates with source "cache" again',
        async () => {
          const answer = await latest();
          return answer.status === 200 && answer.json.data.source === "cache" ? answer : undefined;
        },
        { timeoutMs: 45_000, intervalMs: 1000 },
      );
      expect(fromCache.json.data.cache_hit).toBe(true);
      expect(redisKeys("rate:USD")).toEqual(["rate:USD"]);
      expect(listenerPid(serviceOf("currency").appPort)).toBe(currencyPid);
      const health = await waitFor("currency healthy", async () => {
        const answer = await getJson(`${STACK.currency}/health`);
        return answer.json?.data?.status === "healthy" ? answer : undefined;
      });
      expect(health.json.data.checks.cache.status).toBe("up");
      const after = await exactDailyCounts();
      expect(after.date).toBe(before.date);
      const expected = countsByCountry(acceptedDuringOutage);
      for (const country of new Set([...before.byCountry.keys(), ...expected.keys()])) {
        const had = (before.byCountry.get(country) ?? 0) + (expected.get(country) ?? 0);
        const lost = had - (after.byCountry.get(country) ?? 0);
        tally.dataLost += Math.max(0, lost);
      }
      expect(tally.dataLost).toBe(0);
      tally.faultsSurvived += 1;
      tally.notes.push(
        `${before.total} selections before, ${after.total} after; ${acceptedDuringOutage.size} accepted while down`,
      );
    });
  }, 200_000);
});
