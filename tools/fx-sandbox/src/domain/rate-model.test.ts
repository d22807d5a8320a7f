import { describe, expect, test } from "bun:test";
import { CONTRACT_CURRENCIES, referenceRates } from "../testing/sandbox-fixture.ts";
import { addDays, businessDaysBetween } from "./kst-calendar.ts";
import { createRateModel } from "./rate-model.ts";

const at = (iso: string) => Date.parse(iso);
const model = createRateModel({ seed: "walk", reference: referenceRates });

describe("a seeded market", () => {
  test("the same seed and instant give the same rates, even from a fresh model", () => {
    const instant = at("2026-11-27T03:17:00Z");
    const fresh = createRateModel({ seed: "walk", reference: referenceRates });
    expect(fresh.ratesAt(instant)).toEqual(model.ratesAt(instant));
    expect(fresh.ratesAtClose("2025-06-02")).toEqual(model.ratesAtClose("2025-06-02"));
  });

  test("a different seed gives a different market", () => {
    const other = createRateModel({ seed: "another", reference: referenceRates });
    const instant = at("2026-11-27T03:17:00Z");
    expect(other.ratesAt(instant).USD).not.toBe(model.ratesAt(instant).USD);
  });

  test("the reference date's close is exactly the reference rates", () => {
    const close = model.ratesAtClose("2026-01-01");
    for (const code of model.currencies)
      expect(close[code]).toBeCloseTo(referenceRates.krwPerUnit[code] ?? 0, 9);
  });

  test("over a year no contract currency moves 3% or more between consecutive closes", () => {
    const days = businessDaysBetween("2025-11-27", "2026-11-27");
    let previous = model.ratesAtClose(addDays("2025-11-27", -1));
    for (const day of days) {
      const close = model.ratesAtClose(day);
      for (const code of CONTRACT_CURRENCIES) {
        const move = Math.abs(Math.log((close[code] ?? 0) / (previous[code] ?? 0)));
        expect(move).toBeLessThan(Math.log(1.03));
      }
      previous = close;
    }
  });

  test("after a year KRW per USD is still within a realistic band", () => {
    const usd = model.ratesAtClose("2026-12-31").USD ?? 0;
    expect(usd).toBeGreaterThan(1469.85 * 0.75);
    expect(usd).toBeLessThan(1469.85 * 1.25);
  });

  test("pegged currencies keep their USD price; DKK stays tied to EUR", () => {
    const close = model.ratesAtClose("2026-09-15");
    const usdPerHkd = (close.HKD ?? 0) / (close.USD ?? 1);
    expect(usdPerHkd).toBeCloseTo(1 / 7.7974, 9);
    const dkkPerEur = (close.EUR ?? 0) / (close.DKK ?? 1);
    expect(dkkPerEur).toBeCloseTo(6.44025 / 0.86192, 9);
  });
});

describe("intraday movement", () => {
  test("a rate is constant within a 2-minute step and moves between steps on a business day", () => {
    const usdAt = (iso: string) => model.ratesAt(at(iso)).USD;
    expect(usdAt("2026-11-27T03:00:05Z")).toBe(usdAt("2026-11-27T03:01:59Z"));
    const steps = Array.from(
      { length: 30 },
      (_, i) => model.ratesAt(at("2026-11-27T03:00:00Z") + i * 120_000).USD,
    );
    expect(new Set(steps).size).toBeGreaterThan(25);
  });

  test("the first step of a KST day equals the previous day's close", () => {
    const close = model.ratesAtClose("2026-11-26").USD ?? 0;
    expect(model.ratesAt(at("2026-11-26T15:00:00Z")).USD ?? 0).toBeCloseTo(close, 9);
  });

  test("the market is flat over a KST weekend, at Friday's close", () => {
    const friday = model.ratesAtClose("2026-11-27");
    expect(model.ratesAt(at("2026-11-28T05:00:00Z"))).toEqual(friday);
    expect(model.ratesAt(at("2026-11-29T14:58:00Z"))).toEqual(friday);
    expect(model.ratesAtClose("2026-11-29")).toEqual(friday);
  });
});
