import { describe, expect, test } from "bun:test";
import { quote } from "../testing/quotes.ts";
import { emptyRateBook, mergeQuotes } from "./rate-book.ts";
import { refillPlan } from "./refill-plan.ts";

const at = (iso: string) => new Date(iso);

describe("refillPlan", () => {
  const book = mergeQuotes(emptyRateBook, [
    quote("USD", 1395, { origin: "database", observedAt: at("2026-11-27T03:02:00Z") }),
    quote("JPY", 9.5, { origin: "database" }),
    quote("EUR", 1500, { origin: "cache" }),
  ]);

  test("database quotes the cache lacks or holds older are rewritten, with a fresh rates:latest", () => {
    const cacheKeys = new Map([
      ["rate:USD", at("2026-11-27T03:00:00Z")],
      ["rate:JPY", at("2026-11-27T03:00:00Z")],
      ["rates:latest", at("2026-11-27T03:00:00Z")],
    ]);
    const plan = refillPlan(book, cacheKeys);
    expect(plan.rates.map((q) => q.code)).toEqual(["USD"]);
    expect(plan.snapshot?.map((q) => q.code)).toEqual(["USD", "JPY", "EUR"]);
    expect([...plan.writes]).toEqual([
      ["rate:USD", at("2026-11-27T03:02:00Z")],
      ["rates:latest", at("2026-11-27T03:02:00Z")],
    ]);
  });
  test("quotes from the cache are never written back; an up-to-date cache needs nothing", () => {
    const cacheKeys = new Map([
      ["rate:USD", at("2026-11-27T03:02:00Z")],
      ["rate:JPY", at("2026-11-27T03:00:00Z")],
      ["rates:latest", at("2026-11-27T03:02:00Z")],
    ]);
    expect(refillPlan(book, cacheKeys)).toMatchObject({ rates: [], snapshot: undefined });
  });
  test("an empty book writes nothing", () => {
    expect(refillPlan(emptyRateBook, new Map())).toMatchObject({ rates: [], snapshot: undefined });
  });
});
