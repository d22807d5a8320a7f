import { en } from "./messages-en.ts";
import { ko, type MessageKey } from "./messages-ko.ts";

export type Locale = "ko" | "en";
export const LOCALES: readonly Locale[] = ["ko", "en"];
export const DEFAULT_LOCALE: Locale = "ko";

const MESSAGES: Record<Locale, Record<MessageKey, string>> = { ko, en };

export type MessageParams = Record<string, string | number>;

/**
 * The message for `key` in `locale` with `{name}` placeholders filled; an unknown placeholder is left
 * visible rather than silently dropped.
 * @example translate("en", "ranking.rank", { rank: 3 }) // "#3"
 */
export const translate = (locale: Locale, key: MessageKey, params: MessageParams = {}): string =>
  MESSAGES[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );

/** BCP 47 tag for Intl formatters. */
export const localeTag = (locale: Locale): string => (locale === "ko" ? "ko-KR" : "en-US");

export const isLocale = (value: unknown): value is Locale => value === "ko" || value === "en";

export type { MessageKey };
