import { roundTo } from "./cross-rates.ts";
import type { KrwRates } from "./rate-model.ts";

interface EximbankQuote {
  /** `cur_unit` as Eximbank writes it. */
  readonly unit: string;
  /** Which sandbox currency it is priced from (CNH from CNY, BND at par with SGD). */
  readonly source: string;
  /** Units quoted per row: JPY and IDR are per 100. */
  readonly per: number;
  readonly name: string;
}

/** The currencies AP01 publishes, in its order. */
export const EXIMBANK_QUOTES: readonly EximbankQuote[] = [
  { unit: "AED", source: "AED", per: 1, name: "아랍에미리트 디르함" },
  { unit: "AUD", source: "AUD", per: 1, name: "호주 달러" },
  { unit: "BHD", source: "BHD", per: 1, name: "바레인 디나르" },
  { unit: "BND", source: "SGD", per: 1, name: "브루나이 달러" },
  { unit: "CAD", source: "CAD", per: 1, name: "캐나다 달러" },
  { unit: "CHF", source: "CHF", per: 1, name: "스위스 프랑" },
  { unit: "CNH", source: "CNY", per: 1, name: "위안화" },
  { unit: "DKK", source: "DKK", per: 1, name: "덴마아크 크로네" },
  { unit: "EUR", source: "EUR", per: 1, name: "유로" },
  { unit: "GBP", source: "GBP", per: 1, name: "영국 파운드" },
  { unit: "HKD", source: "HKD", per: 1, name: "홍콩 달러" },
  { unit: "IDR(100)", source: "IDR", per: 100, name: "인도네시아 루피아" },
  { unit: "JPY(100)", source: "JPY", per: 100, name: "일본 옌" },
  { unit: "KRW", source: "KRW", per: 1, name: "한국 원" },
  { unit: "KWD", source: "KWD", per: 1, name: "쿠웨이트 디나르" },
  { unit: "MYR", source: "MYR", per: 1, name: "말레이지아 링기트" },
  { unit: "NOK", source: "NOK", per: 1, name: "노르웨이 크로네" },
  { unit: "NZD", source: "NZD", per: 1, name: "뉴질랜드 달러" },
  { unit: "SAR", source: "SAR", per: 1, name: "사우디 리얄" },
  { unit: "SEK", source: "SEK", per: 1, name: "스웨덴 크로나" },
  { unit: "SGD", source: "SGD", per: 1, name: "싱가포르 달러" },
  { unit: "THB", source: "THB", per: 1, name: "태국 바트" },
  { unit: "USD", source: "USD", per: 1, name: "미국 달러" },
];

/** Telegraphic-transfer buying/selling spread around the base rate. */
const TT_SPREAD = 0.01;

/**
 * Eximbank's number style: 2 decimals at most, trailing zeros dropped, thousands separators.
 * @example formatEximbankNumber(1152.2) // "1,152.2"
 */
export const formatEximbankNumber = (value: number): string => {
  const [whole = "0", fraction = ""] = value.toFixed(2).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const decimals = fraction.replace(/0+$/, "");
  return decimals ? `${grouped}.${decimals}` : grouped;
};

const row = (quote: EximbankQuote, deal: number, ttb: number, tts: number) => {
  const dealText = formatEximbankNumber(deal);
  const bookPrice = formatEximbankNumber(Math.floor(deal));
  return {
    result: 1,
    cur_unit: quote.unit,
    ttb: formatEximbankNumber(ttb),
    tts: formatEximbankNumber(tts),
    deal_bas_r: dealText,
    bkpr: bookPrice,
    yy_efee_r: "0",
    ten_dd_efee_r: "0",
    kftc_bkpr: bookPrice,
    kftc_deal_bas_r: dealText,
    cur_nm: quote.name,
  };
};

/** AP01 rows (result 1) for the given KRW rates. */
export const eximbankRows = (krw: KrwRates) =>
  EXIMBANK_QUOTES.flatMap((quote) => {
    if (quote.unit === "KRW") return [row(quote, 1, 0, 0)];
    const krwPerUnit = krw[quote.source];
    if (krwPerUnit === undefined) return [];
    const quoted = krwPerUnit * quote.per;
    return [
      row(
        quote,
        roundTo(quoted, 2),
        roundTo(quoted * (1 - TT_SPREAD), 2),
        roundTo(quoted * (1 + TT_SPREAD), 2),
      ),
    ];
  });

/** AP01's failure answer: one row with only `result` set (2 data code, 3 auth key, 4 daily limit). */
export const eximbankResultRow = (result: 2 | 3 | 4) => ({
  result,
  cur_unit: null,
  ttb: null,
  tts: null,
  deal_bas_r: null,
  bkpr: null,
  yy_efee_r: null,
  ten_dd_efee_r: null,
  kftc_bkpr: null,
  kftc_deal_bas_r: null,
  cur_nm: null,
});
