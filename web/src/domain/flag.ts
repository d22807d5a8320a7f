/**
 * The emoji flag of an ISO 3166-1 alpha-2 code (also "EU"), built from regional-indicator symbols.
 * @example flagOf("JP") // "🇯🇵"
 */
export const flagOf = (alpha2: string): string =>
  /^[A-Za-z]{2}$/.test(alpha2)
    ? String.fromCodePoint(...[...alpha2.toUpperCase()].map((ch) => 0x1f1e6 + ch.charCodeAt(0) - 65))
    : "";
