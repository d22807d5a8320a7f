import { describe, expect, test } from "bun:test";
import type { LegacyDay, LegacyRate } from "./legacy-rows.ts";
import { planImport } from "./plan-import.ts";

let order = 0;
const rate = (
  code: LegacyRate["code"],
  value: number,
  at: string,
  extra: Partial<LegacyRate> = {},
): LegacyRate => {
  order++;
  return {
    id: String(order),
    order,
    code,
    declaredUnit: 1,
    rate: value,
    tts: null,
    ttb: null,
    source: "koreaexim",
    observedAt: new Date(at),
    collectedAt: new Date(at),
    ...extra,
  };
};
const day = (code: LegacyDay["code"], date: string, avg: number): LegacyDay => {
  order++;
  return {
    id: String(order),
    order,
    code,
    declaredUnit: 1,
    date,
    open: avg,
    high: avg,
    low: avg,
    close: avg,
    avg,
    volume: 3,
  };
};

describe("the import plan", () => {
  test("per-100 JPY is stored per 1 unit with its bank rates; unit is the catalog's quoting unit", () => {
    const plan = planImport(
      [rate("JPY", 912.3456, "2026-03-02T02:00:00Z", { tts: 928.31, ttb: null })],
      [],
      new Map(),
    );
    expect(plan.rates).toMatchObject([{ code: "JPY", rate: 9.123456, tts: 9.2831, ttb: null, unit: 100 }]);
    expect(plan.units.JPY).toEqual({ per1: 0, per100: 1 });
  });

  test("a declared JPY(100) row and a per-1 row of the same instant are one observation", () => {
    const plan = planImport(
      [
        rate("JPY", 912.3, "2026-03-02T02:00:00Z", { declaredUnit: 100 }),
        rate("JPY", 9.123, "2026-03-02T02:00:00Z"),
        rate("JPY", 9.2, "2026-03-03T02:00:00Z"),
      ],
      [],
      new Map(),
    );
    expect(plan.rates.map((r) => r.rate)).toEqual([9.123, 9.2]);
    expect(plan.skipped).toMatchObject([{ reason: "duplicate" }]);
  });

  test("a second row at the same instant with another value is skipped as a conflict, the first kept", () => {
    const plan = planImport(
      [rate("USD", 1392.45, "2026-03-02T02:00:00Z"), rate("USD", 1399, "2026-03-02T02:00:00Z")],
      [],
      new Map(),
    );
    expect(plan.rates.map((r) => r.rate)).toEqual([1392.45]);
    expect(plan.skipped).toMatchObject([{ reason: "conflicting-duplicate" }]);
  });

  test("a rate of implausible magnitude is rejected, not rescaled", () => {
    const rows = ["02", "03", "04"].map((d) => rate("USD", 1392, `2026-03-${d}T02:00:00Z`));
    const plan = planImport([...rows, rate("USD", 0.0139, "2026-03-05T02:00:00Z")], [], new Map());
    expect(plan.rates).toHaveLength(3);
    expect(plan.rejected).toMatchObject([{ reason: "implausible-magnitude" }]);
  });

  test("a daily row is superseded on a KST day with rates and kept on a day without", () => {
    const plan = planImport(
      [rate("USD", 1392, "2026-03-02T16:00:00Z")], // 2026-03-03 01:00 KST
      [day("USD", "2026-03-03", 1391), day("USD", "2026-03-02", 1390), day("USD", "2026-03-02", 1390)],
      new Map(),
    );
    expect(plan.days.map((d) => d.date)).toEqual(["2026-03-02"]);
    expect(plan.skipped.map((s) => s.reason).sort()).toEqual(["duplicate", "superseded-by-rates"]);
  });
});
