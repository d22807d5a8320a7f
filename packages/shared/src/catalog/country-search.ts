import { COUNTRIES, type Country } from "./countries.ts";

// Lower rank sorts first: a code or a whole name beats a name that starts with the query, which beats one
// that merely contains it. Ties keep catalog order (Array.prototype.sort is stable).
const EXACT = 0;
const PREFIX = 1;
const CONTAINS = 2;

function normalise(text: string): string {
  return text.normalize("NFC").toLowerCase().replace(/\s+/g, "");
}

function matchRank(country: Country, query: string): number | undefined {
  if (normalise(country.code) === query) return EXACT;
  let best: number | undefined;
  for (const name of [country.nameKo, country.nameEn, ...country.aliases]) {
    const candidate = normalise(name);
    const rank = candidate === query ? EXACT : candidate.startsWith(query) ? PREFIX : undefined;
    const found = rank ?? (candidate.includes(query) ? CONTAINS : undefined);
    if (found !== undefined && (best === undefined || found < best)) best = found;
  }
  return best;
}

/**
 * Countries whose code, Korean name, English name or an alias matches `query`, best matches first.
 * Case, spaces and Unicode composition are ignored; an empty query returns the whole catalog.
 * @example searchCountries("일본")[0]?.code // "JP"
 * @example searchCountries("jp")[0]?.code   // "JP"
 * @example searchCountries("japan")[0]?.code // "JP"
 */
export function searchCountries(query: string): readonly Country[] {
  const wanted = normalise(query);
  if (wanted === "") return COUNTRIES;
  return COUNTRIES.flatMap((country) => {
    const rank = matchRank(country, wanted);
    return rank === undefined ? [] : [{ country, rank }];
  })
    .sort((a, b) => a.rank - b.rank)
    .map((hit) => hit.country);
}
