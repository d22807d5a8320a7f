import { describe, expect, test } from "bun:test";
import { CONTRACT_CURRENCIES, referenceRates } from "../testing/sandbox-fixture.ts";
import { parseReferenceRates } from "./reference-rates.ts";

describe("reference rates from the Big Mac CSV", () => {
  test("uses the newest edition: KRW per USD is South Korea's 2026-01 dollar_ex", () => {
    expect(referenceRates.date).toBe("2026-01-01");
    expect(referenceRates.krwPerUnit.USD).toBe(1469.85);
    expect(referenceRates.krwPerUnit.KRW).toBe(1);
  });

  test("cross rates: KRW per JPY = dollar_ex[KRW] / dollar_ex[JPY]", () => {
    expect(referenceRates.krwPerUnit.JPY).toBeCloseTo(1469.85 / 158.545, 10);
    expect(referenceRates.krwPerUnit.EUR).toBeCloseTo(1469.85 / 0.86192, 10);
  });

  test("covers every currency of the contract", () => {
    for (const code of CONTRACT_CURRENCIES) expect(referenceRates.krwPerUnit[code]).toBeGreaterThan(0);
  });

  test("an older edition can be chosen", () => {
    const csv = [
      "name,iso_a3,currency_code,local_price,dollar_ex,GDP_dollar,GDP_local,date",
      "South Korea,KOR,KRW,5000,1400,1,1,2025-01-01",
      "Japan,JPN,JPY,450,150,1,1,2025-01-01",
      "South Korea,KOR,KRW,5500,1500,1,1,2026-01-01",
    ].join("\n");
    expect(parseReferenceRates(csv, "2025-01-01").krwPerUnit.JPY).toBeCloseTo(1400 / 150, 10);
    expect(parseReferenceRates(csv).krwPerUnit.USD).toBe(1500);
  });

  test("a file without a KRW rate is refused", () => {
    const csv = "currency_code,dollar_ex,date\nJPY,150,2026-01-01";
    expect(() => parseReferenceRates(csv)).toThrow(/no KRW rate/);
  });
});
