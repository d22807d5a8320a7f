import { type Locale, localeTag } from "../i18n/translate.ts";

const KST = "Asia/Seoul";
const KST_DATE = /^\d{4}-\d{2}-\d{2}$/;

const dateTimeFormat = (locale: Locale, options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat(localeTag(locale), options);

/**
 * An instant shown in Korea Standard Time, labelled so nobody reads it as local time.
 * @example formatDateTimeKst("2026-11-27T03:00:00Z", "en") // "Nov 27, 2026, 12:00 PM KST"
 */
export const formatDateTimeKst = (iso: string, locale: Locale): string => {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const text = dateTimeFormat(locale, {
    timeZone: KST,
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
  }).format(date);
  return `${text} KST`;
};

/** A time of day in KST. @example formatTimeKst("2026-11-27T03:05:00Z", "ko") // "오후 12:05 KST" */
export const formatTimeKst = (iso: string, locale: Locale): string => {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${dateTimeFormat(locale, { timeZone: KST, hour: "numeric", minute: "2-digit" }).format(date)} KST`;
};

/**
 * A KST calendar date (`YYYY-MM-DD`) as a date, without shifting it through any other time zone.
 * @example formatKstDate("2026-11-27", "ko") // "2026. 11. 27."
 */
export const formatKstDate = (kstDate: string, locale: Locale): string => {
  if (!KST_DATE.test(kstDate)) return kstDate;
  const noonUtc = new Date(`${kstDate}T12:00:00Z`);
  return dateTimeFormat(locale, { timeZone: "UTC", year: "numeric", month: "short", day: "numeric" }).format(
    noonUtc,
  );
};

/** A history point's label: KST date for daily points, KST date and time for intraday ones. */
export const formatPointLabel = (date: string, locale: Locale): string =>
  KST_DATE.test(date) ? formatKstDate(date, locale) : formatDateTimeKst(date, locale);
