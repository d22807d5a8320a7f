import { z } from "zod";

const isoInstant = z.iso.datetime({ offset: false });
const kstDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const code3 = z.string().regex(/^[A-Z]{3}$/);
const code2 = z.string().regex(/^[A-Z]{2}$/);

/** `exchange-rates.updated`: one per ingestion run that stored something. Rates are KRW per 1 unit. */
export const ratesUpdatedEventSchema = z.object({
  batch_id: z.string().min(1),
  provider: z.string().min(1),
  observed_at: isoInstant,
  collected_at: isoInstant,
  rates: z
    .array(
      z.object({
        currency_code: code3,
        rate: z.number().positive(),
        tts: z.number().positive().nullable(),
        ttb: z.number().positive().nullable(),
        unit: z.number().int().positive(),
      }),
    )
    .min(1),
});
export type RatesUpdatedEvent = z.infer<typeof ratesUpdatedEventSchema>;

/** `ranking.selection-recorded`: an accepted destination selection. `user_hash` is salted; never a raw id. */
export const selectionRecordedEventSchema = z.object({
  selection_id: z.string().min(1).max(128),
  country_code: code2,
  currency_code: code3,
  user_hash: z.string().nullable(),
  session_id: z.string().max(128).nullable(),
  selected_at: isoInstant,
  kst_date: kstDate,
});
export type SelectionRecordedEvent = z.infer<typeof selectionRecordedEventSchema>;

/** `ranking.updated`: after each snapshot recomputation. */
export const rankingUpdatedEventSchema = z.object({
  period: z.enum(["daily", "weekly", "monthly"]),
  computed_at: isoInstant,
  top: z.array(
    z.object({ rank: z.number().int().positive(), country_code: code2, score: z.number().nonnegative() }),
  ),
});
export type RankingUpdatedEvent = z.infer<typeof rankingUpdatedEventSchema>;
