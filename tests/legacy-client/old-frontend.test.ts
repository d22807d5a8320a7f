// The old frontend against the new services, in a real browser (../shared/legacy.md, issue 17): a page
// on its dev server's origin issues exactly its calls, with its headers (so every call is preflighted),
// and reads each answer as it does. Currency and history are the shared stack's (reads only); the
// ranking calls, which write, go to a ranking-service replica of this suite on the test Redis database
// (tests/ranking's replicas), so no selection of this suite reaches what users see.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { browserForFile } from "../browser/support/browser.ts";
import { recomputeNow, getJson as replicaJson } from "../ranking/support/clients.ts";
import { type Replica, startReplicas } from "../ranking/support/ranking-replicas.ts";
import { getJson, REPO_ROOT, STACK, waitFor } from "../support/stack.ts";
import {
  callFromPage,
  expectedKind,
  expectStackAllows,
  OLD_ORIGIN,
  openOldFrontend,
  serveOldFrontend,
  UNLISTED_ORIGIN,
} from "./support/old-frontend-origin.ts";
import type { CallOutcome, OldFrontendCall } from "./support/old-frontend-page.ts";

const SUITE = "legacy-client";
const browser = browserForFile();
let replica: Replica;
let server: { stop(): void } | undefined;
const before: Record<string, string> = {};

/** A Prometheus series summed over the label sets including `labels`, from a /metrics text. */
const sumOf = (text: string, name: string, labels: Record<string, string> = {}) =>
  text
    .split("\n")
    .filter((line) => line.startsWith(`${name}{`))
    .filter((line) => Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)))
    .reduce((sum, line) => sum + Number(line.split(" ").at(-1)), 0);
const metricsOf = async (url: string) => (await fetch(`${url}/metrics`)).text();
const services = () => ({ currency: STACK.currency, ranking: replica.url, history: STACK.history });

beforeAll(async () => {
  await expectStackAllows(OLD_ORIGIN);
  [replica] = (await startReplicas(SUITE, 1, { CORS_ORIGINS: OLD_ORIGIN })) as [Replica];
  server = serveOldFrontend(services());
  for (const [name, url] of Object.entries(services())) before[name] = await metricsOf(url);
}, 120_000);
afterAll(async () => {
  server?.stop();
  await replica?.stop();
}, 30_000);

/** Opens the old frontend, makes `calls` in order and checks each: success, and every field read as its type. */
const expectCallsSucceed = async (
  calls: OldFrontendCall[],
  between?: (call: OldFrontendCall) => Promise<void>,
) => {
  const page = await browser().page();
  await openOldFrontend(page, OLD_ORIGIN);
  const outcomes: Record<string, CallOutcome> = {};
  for (const call of calls) {
    const outcome = await callFromPage(page, call);
    outcomes[call] = outcome;
    expect({ call, outcome: "error" in outcome ? outcome : "ok" }).toEqual({ call, outcome: "ok" });
    if ("reads" in outcome) {
      for (const [field, kind] of Object.entries(outcome.reads))
        expect({ call, field, kind }).toEqual({ call, field, kind: expectedKind(field) });
    }
    await between?.(call);
  }
  expect(browser().pageErrors).toEqual([]);
  await page.close();
  return outcomes as Record<string, { status: number; reads: Record<string, string> }>;
};

describe("the old frontend, unchanged, on its own origin", () => {
  test("currency: health, latest rates (together and one at a time), a currency, the price index at its old path", async () => {
    const outcomes = await expectCallsSucceed([
      "health",
      "latestRates",
      "latestRateEach",
      "currencyDetail",
      "priceIndex",
    ]);
    expect(outcomes.priceIndex?.status).toBe(200);
    expect(Object.keys(outcomes.latestRates?.reads ?? {})).toHaveLength(5);
  });

  test("ranking: a pick (201) and a comparison visit (200) count; the board and the stats read as numbers", async () => {
    const outcomes = await expectCallsSucceed(
      ["selectDestination", "comparisonVisit", "ranking", "rankingStats"],
      // The board is a snapshot (recomputed every minute); recompute once the writes are in.
      async (call) => {
        if (call === "comparisonVisit") await recomputeNow(replica);
      },
    );
    expect([outcomes.selectDestination?.status, outcomes.comparisonVisit?.status]).toEqual([201, 200]);
    // The pick and the visit's three countries: JP twice, TH and VN once, on the suite's replica only.
    const { body } = await replicaJson(replica, "/api/v1/rankings?period=daily&limit=50");
    const counts = Object.fromEntries(
      body.data.ranking.map((r: { country_code: string; selection_count: number }) => [
        r.country_code,
        r.selection_count,
      ]),
    );
    expect(counts).toEqual({ JP: 2, TH: 1, VN: 1 });
    expect(Object.keys(outcomes.ranking?.reads ?? {})).toContain("ranking[2].selection_count ?? score");
  });

  test("history: the series with every statistic it formats, the period stats and the comparison", async () => {
    // The stack backfills 365 days (scripts/up.sh); daily_stats may still be filling right after a start.
    await waitFor(
      "a week of daily USD history with every statistic computable (scripts/up.sh backfills it)",
      async () => {
        const { body } = await getJson(
          `${STACK.history}/api/v1/history?period=1w&target=USD&base=KRW&interval=daily`,
        );
        const s = body?.data?.statistics;
        return s && [s.average, s.min, s.max, s.volatility].every((v) => typeof v === "number");
      },
      { timeoutMs: 60_000, intervalMs: 2000 },
    );
    const outcomes = await expectCallsSucceed(["history", "historyStats", "historyCompare"]);
    expect(outcomes.history?.reads["data.statistics.volatility"]).toBe("number");
  });

  test("every call was preflighted, and each compatibility answer was counted", async () => {
    const after = Object.fromEntries(
      await Promise.all(
        Object.entries(services()).map(async ([n, url]) => [n, await metricsOf(url)] as const),
      ),
    );
    const delta = (service: string, name: string, labels: Record<string, string>) =>
      sumOf(after[service] ?? "", name, labels) - sumOf(before[service] ?? "", name, labels);
    for (const service of ["currency", "ranking", "history"])
      expect({
        service,
        preflights: delta(service, "http_requests_total", { method: "OPTIONS" }) > 0,
      }).toEqual({
        service,
        preflights: true,
      });
    const legacy = "legacy_client_requests_total";
    expect(delta("currency", legacy, { route: "/api/v1/price-index", status: "200" })).toBeGreaterThanOrEqual(
      1,
    );
    expect(delta("ranking", legacy, { route: "/api/v1/rankings/update", status: "200" })).toBe(1);
    expect(delta("history", legacy, { route: "/api/v1/history", status: "200" })).toBeGreaterThanOrEqual(1);
    expect(
      delta("history", legacy, { route: "/api/v1/history/stats", status: "200" }),
    ).toBeGreaterThanOrEqual(1);
  });

  test("an origin missing from CORS_ORIGINS fails loudly: the refused preflight is logged with it and counted", async () => {
    const page = await browser().page();
    await openOldFrontend(page, UNLISTED_ORIGIN);
    const refusedBefore = await replica.metric("http_cors_preflight_refused_total", {
      origin: UNLISTED_ORIGIN,
    });
    const outcome = await callFromPage(page, "ranking");
    // What the old frontend sees — a network failure, the case it covers with invented mock figures.
    expect(outcome).toMatchObject({ error: expect.stringMatching(/^network: /) });
    expect(
      await replica.metric("http_cors_preflight_refused_total", { origin: UNLISTED_ORIGIN }),
    ).toBeGreaterThan(refusedBefore);
    const log = join(REPO_ROOT, ".run", "test-ranking", SUITE, "logs", `${replica.id}.log`);
    const refusal = await waitFor("the refusal in the replica's log", async () =>
      readFileSync(log, "utf8")
        .split("\n")
        .filter((line) => line.includes("CORS preflight refused"))
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .find((entry) => entry.origin === UNLISTED_ORIGIN),
    );
    expect(refusal).toMatchObject({ level: "warn", path: "/api/v1/rankings", allowed_origins: [OLD_ORIGIN] });
    await page.close();
  });
});
