import { compareObservations, type RateQuote } from "./rate-quote.ts";

/**
 * The in-process snapshot of the latest rate per currency. Immutable: a merge returns a new book with
 * a higher `version` when anything changed, so derived responses can be memoised per version.
 */
export interface RateBook {
  readonly version: number;
  readonly quotes: ReadonlyMap<string, RateQuote>;
}

export const emptyRateBook: RateBook = { version: 0, quotes: new Map() };

const sameQuote = (a: RateQuote, b: RateQuote): boolean =>
  compareObservations(a, b) === 0 &&
  a.origin === b.origin &&
  a.krwPerUnit === b.krwPerUnit &&
  a.tts === b.tts &&
  a.ttb === b.ttb &&
  a.batchId === b.batchId;

/**
 * Merges quotes into a book, per currency. An older observation never replaces a newer one; an equal
 * observation replaces the stored quote, so a quote's `origin` is the store that confirmed it last.
 * For several incoming quotes of one currency, the newest wins.
 * @example mergeQuotes(book, [usdFromCache]).quotes.get("USD")?.origin // "cache"
 */
export function mergeQuotes(book: RateBook, incoming: readonly RateQuote[]): RateBook {
  let quotes: Map<string, RateQuote> | undefined;
  for (const quote of incoming) {
    const current = (quotes ?? book.quotes).get(quote.code);
    if (current !== undefined && compareObservations(quote, current) < 0) continue;
    if (current !== undefined && sameQuote(quote, current)) continue;
    quotes ??= new Map(book.quotes);
    quotes.set(quote.code, quote);
  }
  return quotes === undefined ? book : { version: book.version + 1, quotes };
}
