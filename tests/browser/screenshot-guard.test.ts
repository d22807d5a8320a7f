// The guard of pages-and-screenshots.test.ts: no screenshot of rates the FX sandbox can never produce.
// Pure (no browser, no stack): the bound against the sandbox's own market, and the refusals.
import { describe, expect, test } from "bun:test";
import { addKstDays, FOREIGN_CURRENCY_CODES, kstDatesBetween, kstDayRange } from "@trip/shared";
import { createRateModel } from "../../tools/fx-sandbox/src/domain/rate-model.ts";
import { referenceRates } from "../../tools/fx-sandbox/src/testing/sandbox-fixture.ts";
import { jumpsInAnswer, type RenderedRates, refuseImpossibleRates } from "./support/rendered-rates.ts";
import { impossibleJumps, maxLogMove, type RatePoint } from "./support/sandbox-moves.ts";

// The stack's sandbox (FX_SEED default), over the year up to the day the polluted pictures were taken.
const market = createRateModel({ seed: "trip-service", reference: referenceRates });
const LAST_DAY = "2026-11-27";
const STEP_MS = 120_000;

/** What history draws for a day of live ingestion: per currency the mean of its 720 two-minute rates. */
const dailyAverages = (day: string): Record<string, number> => {
  const start = kstDayRange(day).start.getTime();
  const sums: Record<string, number> = {};
  for (let step = 0; step < 720; step++) {
    for (const [code, rate] of Object.entries(market.ratesAt(start + step * STEP_MS + 60_000))) {
      sums[code] = (sums[code] ?? 0) + rate / 720;
    }
  }
  return sums;
};

describe("the bound of a day-to-day move", () => {
  test("holds for a year of the sandbox's closes (what a backfill stores) in every catalog currency", () => {
    const days = kstDatesBetween(addKstDays(LAST_DAY, -365), LAST_DAY);
    const closes = days.map((day) => ({ day, rates: market.ratesAtClose(day) }));
    for (const code of FOREIGN_CURRENCY_CODES) {
      const points = closes.map(({ day, rates }) => ({ date: day, rate: rates[code] as number }));
      expect({ code, jumps: impossibleJumps(code, points) }).toEqual({ code, jumps: [] });
    }
  });

  test("holds for daily averages of live ingestion following backfilled closes, weekends included", () => {
    const backfilled = kstDatesBetween(addKstDays(LAST_DAY, -40), addKstDays(LAST_DAY, -22));
    const live = kstDatesBetween(addKstDays(LAST_DAY, -21), LAST_DAY).map((day) => ({
      day,
      averages: dailyAverages(day),
    }));
    for (const code of FOREIGN_CURRENCY_CODES) {
      const points: RatePoint[] = [
        ...backfilled.map((day) => ({ date: day, rate: market.ratesAtClose(day)[code] as number })),
        ...live.map(({ day, averages }) => ({ date: day, rate: averages[code] as number })),
      ];
      expect({ code, jumps: impossibleJumps(code, points) }).toEqual({ code, jumps: [] });
    }
  });

  test("grows with the business days between two points, not with weekend days", () => {
    // 2026-11-27 is a Friday, 2026-11-30 the Monday after.
    expect(maxLogMove("JPY", "2026-11-27", "2026-11-30")).toBeCloseTo(
      maxLogMove("JPY", "2026-11-26", "2026-11-27"),
    );
    expect(maxLogMove("JPY", "2026-11-16", "2026-11-27")).toBeGreaterThan(
      maxLogMove("JPY", "2026-11-26", "2026-11-27"),
    );
    // A currency pegged to USD moves only with USD/KRW.
    expect(maxLogMove("HKD", "2026-11-26", "2026-11-27")).toBeLessThan(
      maxLogMove("JPY", "2026-11-26", "2026-11-27"),
    );
  });
});

describe("what the polluted pictures showed", () => {
  // docs/screenshots/destination-*.png before issue 13: 100 JPY at ~12,480 won, then ~856 the next day.
  const polluted: RatePoint[] = [
    { date: "2026-11-26", rate: 124.81 },
    { date: "2026-11-27", rate: 124.6 },
    { date: "2026-11-28", rate: 8.5613 },
  ];

  test("the -93 % drop is an impossible jump; the day before it is not", () => {
    const jumps = impossibleJumps("JPY", polluted);
    expect(jumps).toHaveLength(1);
    expect(jumps[0]).toMatchObject({ from: polluted[1], to: polluted[2], changePercent: -93.13 });
  });

  test("a history answer carrying it, or a currency shown at -93 % against yesterday, is refused", async () => {
    const history = jumpsInAnswer("http://127.0.0.1:8080/api/v1/history?target=JPY&period=1m&base=KRW", {
      target: "JPY",
      results: polluted,
    });
    const detail = jumpsInAnswer("http://127.0.0.1:8080/api/v1/currencies/JPY", {
      currency_code: "JPY",
      current_rate: 8.5613,
      change_percent: -93.13,
      last_updated: "2026-11-27T16:18:00.000Z",
    });
    expect([history.length, detail.length]).toEqual([1, 1]);
    const rendered: RenderedRates = { jumps: async () => [...history, ...detail] };
    const refusal = refuseImpossibleRates(rendered, "docs/screenshots/destination-1280.png");
    await expect(refusal).rejects.toThrow(
      /refusing to write docs\/screenshots\/destination-1280\.png: .*\n {2}JPY 2026-11-27 → 2026-11-28: 124\.6 → 8\.5613 \(-93\.13 %/,
    );
  });

  test("a realistic day (+0.4 %) is drawn", async () => {
    const detail = jumpsInAnswer("http://127.0.0.1:8080/api/v1/currencies/JPY", {
      currency_code: "JPY",
      current_rate: 9.31,
      change_percent: 0.4,
      last_updated: "2026-11-27T03:00:00.000Z",
    });
    expect(detail).toEqual([]);
    await refuseImpossibleRates({ jumps: async () => detail }, "docs/screenshots/destination-1280.png");
  });
});
