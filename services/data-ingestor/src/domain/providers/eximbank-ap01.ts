import type { KstDate } from "@trip/shared";
import { z } from "zod";
import { eximbankNoticeInstant } from "../observation-time.ts";
import {
  describeIssues,
  ProviderError,
  type ProviderSnapshot,
  parseProviderJson,
} from "../provider-snapshot.ts";
import { optionalProviderNumber, providerNumber } from "./provider-number.ts";

/** Korea Eximbank current exchange rates (AP01); `authkey` and `searchdate` go in the query. */
export const EXIMBANK_AP01_PATH = "/site/program/financial/exchangeJSON";

/** The AP01 `result` codes other than 1 (success). */
const RESULT_MEANINGS: Record<number, string> = {
  2: "data code error",
  3: "authentication error",
  4: "daily request limit reached",
};

const numberLike = z.union([z.string(), z.number()]).nullable().optional();
const rowSchema = z.object({
  result: z.number().int(),
  cur_unit: z.string().nullable(),
  deal_bas_r: numberLike,
  tts: numberLike,
  ttb: numberLike,
});
// Some clients see `null` instead of `[]` for a day without a notice.
const bodySchema = z.array(rowSchema).nullable();

/** The AP01 request path for one KST date (`searchdate` is `YYYYMMDD`). */
export const eximbankAp01Path = (authKey: string, date: KstDate): string => {
  const query = new URLSearchParams({ authkey: authKey, searchdate: date.replaceAll("-", ""), data: "AP01" });
  return `${EXIMBANK_AP01_PATH}?${query.toString()}`;
};

/**
 * Parses an AP01 answer for `date`. Numbers are strings with thousands separators; `cur_unit` keeps the
 * provider's spelling (`JPY(100)`, `CNH`) for cleaning to map. `[]` (weekend, holiday, before the 11:00
 * notice; `null` for some clients) is an empty snapshot, not an error; a `result` other than 1 is.
 */
export const parseEximbankAp01 = (body: string, date: KstDate): ProviderSnapshot => {
  const parsed = bodySchema.safeParse(parseProviderJson("eximbank", body));
  if (!parsed.success) {
    throw new ProviderError(
      "malformed",
      `eximbank: unexpected response (${describeIssues(parsed.error.issues)})`,
    );
  }
  const rows = parsed.data ?? [];
  const failed = rows.find((row) => row.result !== 1);
  if (failed) {
    const meaning = RESULT_MEANINGS[failed.result] ?? "unknown result";
    throw new ProviderError("provider-error", `eximbank: ${meaning} (result ${failed.result})`);
  }
  return {
    provider: "eximbank",
    observedAt: eximbankNoticeInstant(date),
    quotes: rows.map((row) => ({
      providerCode: row.cur_unit ?? "",
      krwPerQuotedUnit: providerNumber(row.deal_bas_r),
      tts: optionalProviderNumber(row.tts),
      ttb: optionalProviderNumber(row.ttb),
    })),
  };
};
