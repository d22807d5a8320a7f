import { z } from "zod";
import type { CurrencyCode } from "./currencies.ts";

/** The home country: the default base of the price index. */
export const HOME_COUNTRY_CODE = "KR";

// One row per country: [alpha-2, alpha-3, currency, flag, Korean name, English name, search aliases].
// Only places whose everyday currency is supported: Guam and Saipan (Northern Mariana Islands) use USD;
// Macau (MOP), Laos, Cambodia, Mongolia etc. are left out until their currencies are.
const COUNTRY_ROWS = [
  ["KR", "KOR", "KRW", "🇰🇷", "대한민국", "South Korea", ["한국", "Korea"]],
  ["JP", "JPN", "JPY", "🇯🇵", "일본", "Japan", []],
  ["VN", "VNM", "VND", "🇻🇳", "베트남", "Vietnam", ["Viet Nam"]],
  ["TH", "THA", "THB", "🇹🇭", "태국", "Thailand", []],
  ["US", "USA", "USD", "🇺🇸", "미국", "United States", ["USA", "America"]],
  ["CN", "CHN", "CNY", "🇨🇳", "중국", "China", []],
  ["PH", "PHL", "PHP", "🇵🇭", "필리핀", "Philippines", []],
  ["TW", "TWN", "TWD", "🇹🇼", "대만", "Taiwan", []],
  ["HK", "HKG", "HKD", "🇭🇰", "홍콩", "Hong Kong", []],
  ["SG", "SGP", "SGD", "🇸🇬", "싱가포르", "Singapore", []],
  ["MY", "MYS", "MYR", "🇲🇾", "말레이시아", "Malaysia", []],
  ["ID", "IDN", "IDR", "🇮🇩", "인도네시아", "Indonesia", ["발리", "Bali"]],
  ["AU", "AUS", "AUD", "🇦🇺", "호주", "Australia", []],
  ["NZ", "NZL", "NZD", "🇳🇿", "뉴질랜드", "New Zealand", []],
  ["GB", "GBR", "GBP", "🇬🇧", "영국", "United Kingdom", ["UK", "Britain", "England"]],
  ["FR", "FRA", "EUR", "🇫🇷", "프랑스", "France", []],
  ["DE", "DEU", "EUR", "🇩🇪", "독일", "Germany", []],
  ["IT", "ITA", "EUR", "🇮🇹", "이탈리아", "Italy", []],
  ["ES", "ESP", "EUR", "🇪🇸", "스페인", "Spain", []],
  ["CH", "CHE", "CHF", "🇨🇭", "스위스", "Switzerland", []],
  ["CZ", "CZE", "CZK", "🇨🇿", "체코", "Czech Republic", ["Czechia"]],
  ["AT", "AUT", "EUR", "🇦🇹", "오스트리아", "Austria", []],
  ["NL", "NLD", "EUR", "🇳🇱", "네덜란드", "Netherlands", ["Holland"]],
  ["TR", "TUR", "TRY", "🇹🇷", "튀르키예", "Türkiye", ["터키", "Turkey"]],
  ["AE", "ARE", "AED", "🇦🇪", "아랍에미리트", "United Arab Emirates", ["UAE", "두바이", "Dubai"]],
  ["IN", "IND", "INR", "🇮🇳", "인도", "India", []],
  ["CA", "CAN", "CAD", "🇨🇦", "캐나다", "Canada", []],
  ["MX", "MEX", "MXN", "🇲🇽", "멕시코", "Mexico", []],
  ["BR", "BRA", "BRL", "🇧🇷", "브라질", "Brazil", []],
  ["ZA", "ZAF", "ZAR", "🇿🇦", "남아프리카공화국", "South Africa", ["남아공"]],
  ["SE", "SWE", "SEK", "🇸🇪", "스웨덴", "Sweden", []],
  ["NO", "NOR", "NOK", "🇳🇴", "노르웨이", "Norway", []],
  ["DK", "DNK", "DKK", "🇩🇰", "덴마크", "Denmark", []],
  ["HU", "HUN", "HUF", "🇭🇺", "헝가리", "Hungary", []],
  ["PL", "POL", "PLN", "🇵🇱", "폴란드", "Poland", []],
  ["PT", "PRT", "EUR", "🇵🇹", "포르투갈", "Portugal", []],
  ["GR", "GRC", "EUR", "🇬🇷", "그리스", "Greece", []],
  ["GU", "GUM", "USD", "🇬🇺", "괌", "Guam", []],
  ["MP", "MNP", "USD", "🇲🇵", "사이판", "Northern Mariana Islands", ["북마리아나 제도", "Saipan"]],
  ["BE", "BEL", "EUR", "🇧🇪", "벨기에", "Belgium", []],
  ["IE", "IRL", "EUR", "🇮🇪", "아일랜드", "Ireland", []],
  ["FI", "FIN", "EUR", "🇫🇮", "핀란드", "Finland", []],
  ["HR", "HRV", "EUR", "🇭🇷", "크로아티아", "Croatia", []],
] as const satisfies readonly (readonly [
  string,
  string,
  CurrencyCode,
  string,
  string,
  string,
  readonly string[],
])[];

/** ISO 3166-1 alpha-2 code of a catalog country. */
export type CountryCode = (typeof COUNTRY_ROWS)[number][0];

export interface Country {
  readonly code: CountryCode;
  /** ISO 3166-1 alpha-3, as used by the Big Mac index data. */
  readonly alpha3: string;
  readonly nameKo: string;
  readonly nameEn: string;
  /** Emoji flag: the two regional-indicator symbols of `code`. */
  readonly flag: string;
  readonly currencyCode: CurrencyCode;
  /** Other names people search for (former names, common abbreviations, main destinations). */
  readonly aliases: readonly string[];
}

/** Every catalog country, KR (home) first, then travel destinations. */
export const COUNTRIES: readonly Country[] = COUNTRY_ROWS.map(
  ([code, alpha3, currencyCode, flag, nameKo, nameEn, aliases]) => ({
    code,
    alpha3,
    nameKo,
    nameEn,
    flag,
    currencyCode,
    aliases,
  }),
);

/** Catalog alpha-2 codes, in catalog order. */
export const COUNTRY_CODES: readonly CountryCode[] = COUNTRY_ROWS.map((row) => row[0]);

const countryByCode = new Map<string, Country>(COUNTRIES.map((c) => [c.code, c]));

/**
 * zod schema accepting exactly the catalog's alpha-2 codes (upper case).
 * @example countryCodeSchema.safeParse("JP").success // true; "jp" and "ZZ" fail
 */
export const countryCodeSchema = z.enum(COUNTRY_CODES);

/**
 * The catalog entry for an alpha-2 code (exact, upper case), or undefined.
 * @example getCountry("JP")?.currencyCode // "JPY"
 */
export function getCountry(code: string): Country | undefined {
  return countryByCode.get(code);
}
