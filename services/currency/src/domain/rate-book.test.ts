import { describe, expect, test } from "bun:test";
import { quote } from "../testing/quotes.ts";
import { emptyRateBook, mergeQuotes } from "./rate-book.ts";

const at = (iso: string) => new Date(iso);

describe("mergeQuotes", () => {
  test("a newer observation replaces the stored quote and bumps the version", () => {
    const first = mergeQuotes(emptyRateBook, [quote("USD", 1390)]);
    const next = mergeQuotes(first, [quote("USD", 1392.4, { observedAt: at("2026-11-27T03:02:00Z") })]);
    expect(next.quotes.get("USD")?.krwPerUnit).toBe(1392.4);
    expect(next.version).toBe(first.version + 1);
  });
  test("an older observation never replaces a newer one (out-of-order batches)", () => {
    const book = mergeQuotes(emptyRateBook, [
      quote("USD", 1392.4, { observedAt: at("2026-11-27T03:02:00Z") }),
    ]);
    const after = mergeQuotes(book, [quote("USD", 1390, { observedAt: at("2026-11-27T03:00:00Z") })]);
    expect(after).toBe(book);
    expect(after.quotes.get("USD")?.krwPerUnit).toBe(1392.4);
  });
  test("the same observation confirmed by another store takes that store as its origin", () => {
    const fromDb = mergeQuotes(emptyRateBook, [quote("USD", 1390, { origin: "database" })]);
    const confirmed = mergeQuotes(fromDb, [quote("USD", 1390, { origin: "cache" })]);
    expect(confirmed.quotes.get("USD")?.origin).toBe("cache");
  });
  test("merging what is already there changes nothing (same version)", () => {
    const book = mergeQuotes(emptyRateBook, [quote("USD", 1390), quote("JPY", 9.5)]);
    expect(mergeQuotes(book, [quote("USD", 1390)])).toBe(book);
  });
  test("currencies absent from a batch keep their previous quote", () => {
    const book = mergeQuotes(emptyRateBook, [quote("USD", 1390), quote("TRY", 40)]);
    const next = mergeQuotes(book, [quote("USD", 1391, { observedAt: at("2026-11-27T03:02:00Z") })]);
    expect(next.quotes.get("TRY")?.krwPerUnit).toBe(40);
  });
});
