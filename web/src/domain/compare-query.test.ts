import { describe, expect, test } from "bun:test";
import { compareSearch, correlationOf, parseCompareQuery, toggleCurrency } from "./compare-query.ts";

describe("compare query", () => {
  test("defaults when the URL says nothing", () => {
    expect(parseCompareQuery("")).toEqual({ currencies: ["USD", "JPY", "EUR"], period: "1m" });
  });

  test("keeps supported codes once, at most five, and a valid period", () => {
    const query = parseCompareQuery("?currencies=usd,JPY,XXX,JPY,EUR,GBP,THB,VND&period=3m");
    expect(query).toEqual({ currencies: ["USD", "JPY", "EUR", "GBP", "THB"], period: "3m" });
    expect(parseCompareQuery("?currencies=KRW,USD&period=2y")).toEqual({ currencies: ["USD"], period: "1m" });
  });

  test("the URL round-trips", () => {
    const query = { currencies: ["USD", "JPY"], period: "1w" as const };
    expect(compareSearch(query)).toBe("?currencies=USD,JPY&period=1w");
    expect(parseCompareQuery(compareSearch(query))).toEqual(query);
  });

  test("toggling adds, removes and stops at five", () => {
    expect(toggleCurrency(["USD"], "JPY")).toEqual(["USD", "JPY"]);
    expect(toggleCurrency(["USD", "JPY"], "USD")).toEqual(["JPY"]);
    expect(toggleCurrency(["A", "B", "C", "D", "E"], "F")).toEqual(["A", "B", "C", "D", "E"]);
  });

  test("correlation is found in either key order, 1 on the diagonal, null when unknown", () => {
    const matrix = { USD_JPY: 0.75, EUR_USD: null };
    expect(correlationOf(matrix, "JPY", "USD")).toBe(0.75);
    expect(correlationOf(matrix, "EUR", "EUR")).toBe(1);
    expect(correlationOf(matrix, "USD", "EUR")).toBeNull();
    expect(correlationOf(matrix, "USD", "GBP")).toBeNull();
  });
});
