import type { Country } from "@trip/shared";

/**
 * The old frontend's `POST /api/v1/rankings/update` (../shared/legacy.md): one visit of its comparison
 * page names the countries compared; each becomes one anonymous selection (no user id: the old client
 * sends none, and inventing one would merge every visitor into a single user).
 */

/** Where the old frontend's visits are recorded from, kept as the selections' `referrer`. */
export const VISIT_REFERRER = "legacy:/api/v1/rankings/update";

/** The distinct countries of a visit in the order named (one country compared twice is one selection). */
export const distinctCountries = (countries: readonly Country[]): Country[] => [
  ...new Map(countries.map((country) => [country.code, country])).values(),
];

const hex = (bytes: ArrayBuffer): string =>
  [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");

/**
 * The selection id of one country of a visit: `visit-<first 32 hex digits of SHA-256(correlation id)>-<CODE>`.
 * A replay of the same request (same `X-Correlation-ID`) is therefore counted once, like a retried
 * `selection_id`; a request without a usable correlation id gets a fresh one from the shell, so it counts
 * every time — as a selection without `selection_id` does.
 * @example await visitSelectionId("4f2c…", "JP") // "visit-9b1d…-JP"
 */
export const visitSelectionId = async (correlationId: string, countryCode: string): Promise<string> => {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(correlationId));
  return `visit-${hex(digest).slice(0, 32)}-${countryCode}`;
};
