import { describe, expect, test } from "bun:test";
import { eximbankRows, formatEximbankNumber } from "./eximbank-ap01-body.ts";

describe("Eximbank number style", () => {
  test("thousands separators, at most 2 decimals, no trailing zeros", () => {
    expect(formatEximbankNumber(1469.85)).toBe("1,469.85");
    expect(formatEximbankNumber(1152.2)).toBe("1,152.2");
    expect(formatEximbankNumber(400)).toBe("400");
    expect(formatEximbankNumber(8.7051)).toBe("8.71");
    expect(formatEximbankNumber(1234567.891)).toBe("1,234,567.89");
  });

  test("JPY and IDR are quoted per 100, CNY as CNH, and BND at par with SGD", () => {
    const rows = eximbankRows({ KRW: 1, JPY: 9.2709, IDR: 0.087051, CNY: 211.1, SGD: 1140.79 });
    const byUnit = new Map(rows.map((row) => [row.cur_unit, row]));
    expect(byUnit.get("JPY(100)")?.deal_bas_r).toBe("927.09");
    expect(byUnit.get("IDR(100)")?.bkpr).toBe("8");
    expect(byUnit.get("CNH")?.deal_bas_r).toBe("211.1");
    expect(byUnit.get("BND")?.deal_bas_r).toBe("1,140.79");
    expect(byUnit.get("KRW")).toMatchObject({ ttb: "0", tts: "0", deal_bas_r: "1" });
    expect(byUnit.has("USD")).toBe(false);
  });
});
