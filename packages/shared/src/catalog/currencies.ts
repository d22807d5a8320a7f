import { z } from "zod";

/** The home currency: every rate in the product is KRW per 1 unit of another currency. */
export const HOME_CURRENCY = "KRW";

// One row per currency: [code, primary country, symbol, quoting unit, display decimals, Korean name, English name].
// Unit is how Korean banks (Korea Eximbank AP01) quote it: JPY and IDR per 100 units, everything else per 1 —
// VND included (AP01 has no per-100 VND row). Decimals are what a traveller sees on a price tag, so
// currencies without coins in practical use (JPY, KRW, VND, IDR, HUF, TWD) show none.
// EUR's primary "country" is EU, the ISO 3166-1 reserved code for the European Union (see currency-issuer.ts).
const CURRENCY_ROWS = [
  ["KRW", "KR", "₩", 1, 0, "대한민국 원", "South Korean Won"],
  ["USD", "US", "$", 1, 2, "미국 달러", "US Dollar"],
  ["JPY", "JP", "¥", 100, 0, "일본 엔", "Japanese Yen"],
  ["EUR", "EU", "€", 1, 2, "유로", "Euro"],
  ["CNY", "CN", "¥", 1, 2, "중국 위안", "Chinese Yuan"],
  ["GBP", "GB", "£", 1, 2, "영국 파운드", "British Pound"],
  ["AUD", "AU", "A$", 1, 2, "호주 달러", "Australian Dollar"],
  ["CAD", "CA", "C$", 1, 2, "캐나다 달러", "Canadian Dollar"],
  ["CHF", "CH", "CHF", 1, 2, "스위스 프랑", "Swiss Franc"],
  ["HKD", "HK", "HK$", 1, 2, "홍콩 달러", "Hong Kong Dollar"],
  ["SGD", "SG", "S$", 1, 2, "싱가포르 달러", "Singapore Dollar"],
  ["THB", "TH", "฿", 1, 2, "태국 바트", "Thai Baht"],
  ["VND", "VN", "₫", 1, 0, "베트남 동", "Vietnamese Dong"],
  ["TWD", "TW", "NT$", 1, 0, "대만 달러", "New Taiwan Dollar"],
  ["PHP", "PH", "₱", 1, 2, "필리핀 페소", "Philippine Peso"],
  ["IDR", "ID", "Rp", 100, 0, "인도네시아 루피아", "Indonesian Rupiah"],
  ["MYR", "MY", "RM", 1, 2, "말레이시아 링깃", "Malaysian Ringgit"],
  ["NZD", "NZ", "NZ$", 1, 2, "뉴질랜드 달러", "New Zealand Dollar"],
  ["AED", "AE", "د.إ", 1, 2, "아랍에미리트 디르함", "UAE Dirham"],
  ["INR", "IN", "₹", 1, 2, "인도 루피", "Indian Rupee"],
  ["MXN", "MX", "MX$", 1, 2, "멕시코 페소", "Mexican Peso"],
  ["TRY", "TR", "₺", 1, 2, "튀르키예 리라", "Turkish Lira"],
  ["CZK", "CZ", "Kč", 1, 2, "체코 코루나", "Czech Koruna"],
  ["SEK", "SE", "kr", 1, 2, "스웨덴 크로나", "Swedish Krona"],
  ["NOK", "NO", "kr", 1, 2, "노르웨이 크로네", "Norwegian Krone"],
  ["DKK", "DK", "kr", 1, 2, "덴마크 크로네", "Danish Krone"],
  ["HUF", "HU", "Ft", 1, 0, "헝가리 포린트", "Hungarian Forint"],
  ["PLN", "PL", "zł", 1, 2, "폴란드 즐로티", "Polish Zloty"],
  ["BRL", "BR", "R$", 1, 2, "브라질 헤알", "Brazilian Real"],
  ["ZAR", "ZA", "R", 1, 2, "남아프리카공화국 랜드", "South African Rand"],
] as const satisfies readonly (readonly [string, string, string, 1 | 100, number, string, string])[];

/** ISO 4217 code of a supported currency, KRW included. */
export type CurrencyCode = (typeof CURRENCY_ROWS)[number][0];

export interface Currency {
  readonly code: CurrencyCode;
  readonly nameKo: string;
  readonly nameEn: string;
  readonly symbol: string;
  /** Units per Korean quote: 100 means banks quote "KRW per 100 JPY". APIs still return KRW per 1 unit. */
  readonly unit: 1 | 100;
  /** Decimals to display for amounts in this currency. */
  readonly decimals: number;
  /** ISO 3166-1 alpha-2 of the primary issuing country ("EU" for the euro). */
  readonly countryCode: string;
}

/** Every supported currency, KRW (the home currency) first. */
export const SUPPORTED_CURRENCIES: readonly Currency[] = CURRENCY_ROWS.map(
  ([code, countryCode, symbol, unit, decimals, nameKo, nameEn]) => ({
    code,
    nameKo,
    nameEn,
    symbol,
    unit,
    decimals,
    countryCode,
  }),
);

/** Supported codes, KRW first, in catalog order. */
export const CURRENCY_CODES: readonly CurrencyCode[] = CURRENCY_ROWS.map((row) => row[0]);

/** Supported codes without KRW: the currencies that have a rate against the home currency. */
export const FOREIGN_CURRENCY_CODES: readonly CurrencyCode[] = CURRENCY_CODES.filter(
  (code) => code !== HOME_CURRENCY,
);

const currencyByCode = new Map<string, Currency>(SUPPORTED_CURRENCIES.map((c) => [c.code, c]));

/**
 * zod schema accepting exactly the supported codes (upper case, KRW included).
 * @example currencyCodeSchema.safeParse("JPY").success // true; "jpy" and "XYZ" fail
 */
export const currencyCodeSchema = z.enum(CURRENCY_CODES);

/**
 * Whether `code` is a supported currency code (exact, upper case).
 * @example isSupportedCurrency("USD") // true
 */
export function isSupportedCurrency(code: string): code is CurrencyCode {
  return currencyByCode.has(code);
}

/**
 * The catalog entry for a code, or undefined when unsupported.
 * @example getCurrency("JPY")?.unit // 100
 */
export function getCurrency(code: string): Currency | undefined {
  return currencyByCode.get(code);
}
