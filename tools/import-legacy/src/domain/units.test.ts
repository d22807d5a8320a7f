import { describe, expect, test } from "bun:test";
import { quotedUnit, unitAnchor } from "./units.ts";

describe("per-100 detection by magnitude", () => {
  test("JPY stored only per 100 (as Eximbank quotes it) is anchored by the catalog's quoting unit", () => {
    const anchor = unitAnchor("JPY", [912.3, 915.1, 920.4], undefined);
    expect(anchor?.basis).toBe("catalog-unit");
    expect(anchor?.perUnit).toBeCloseTo(9.151, 3);
    expect(quotedUnit(912.3, anchor?.perUnit ?? 0)).toBe(100);
  });

  test("USD stored per 1 stays per 1", () => {
    const anchor = unitAnchor("USD", [1392.45, 1401.2], undefined);
    expect(quotedUnit(1392.45, anchor?.perUnit ?? 0)).toBe(1);
  });

  test("a currency stored both ways: the lower magnitude is per 1, the upper per 100", () => {
    const values = [912.3, 915.1, 920.4, 9.2, 9.18];
    const anchor = unitAnchor("JPY", values, undefined);
    expect(anchor?.basis).toBe("two-magnitudes");
    expect(values.map((v) => quotedUnit(v, anchor?.perUnit ?? 0))).toEqual([100, 100, 100, 1, 1]);
    // Fewer per-100 than per-1 rows: still the lower cluster is per 1.
    const idr = unitAnchor("IDR", [0.085, 0.086, 0.0855, 8.6], undefined);
    expect(quotedUnit(8.6, idr?.perUnit ?? 0)).toBe(100);
    expect(quotedUnit(0.085, idr?.perUnit ?? 0)).toBe(1);
  });

  test("our own stored rate outranks the guess: JPY stored only per 1 is not divided again", () => {
    const anchor = unitAnchor("JPY", [9.12, 9.15], 9.3);
    expect(anchor?.basis).toBe("stored-rate");
    expect(quotedUnit(9.12, anchor?.perUnit ?? 0)).toBe(1);
  });

  test("a value far from both magnitudes is implausible and an outlier does not move the anchor", () => {
    const anchor = unitAnchor("USD", [1392, 1393, 1394, 1395, 0.0001], undefined);
    expect(quotedUnit(1393, anchor?.perUnit ?? 0)).toBe(1);
    expect(quotedUnit(0.0001, anchor?.perUnit ?? 0)).toBeUndefined();
    expect(quotedUnit(139_240_000, anchor?.perUnit ?? 0)).toBeUndefined();
  });
});
