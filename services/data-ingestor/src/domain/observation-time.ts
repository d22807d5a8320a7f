import { type KstDate, kstDayRange } from "@trip/shared";

/**
 * The instant a daily close is stored at: the last millisecond of its KST day (23:59:59.999 KST), so the
 * row falls on that day wherever rows are grouped by KST date.
 * @example kstCloseInstant("2026-11-26") // 2026-11-26T14:59:59.999Z
 */
export const kstCloseInstant = (date: KstDate): Date => new Date(kstDayRange(date).end.getTime() - 1);

/** Korea Eximbank publishes AP01 once per business day around 11:00 KST: its rows are stored at that instant. */
export const EXIMBANK_NOTICE_HOUR_KST = 11;

/** @example eximbankNoticeInstant("2026-11-27") // 2026-11-27T02:00:00.000Z */
export const eximbankNoticeInstant = (date: KstDate): Date =>
  new Date(kstDayRange(date).start.getTime() + EXIMBANK_NOTICE_HOUR_KST * 3_600_000);
