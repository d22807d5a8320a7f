import type { KstDate } from "@trip/shared";
import type { SelectionLogStore } from "./ports.ts";

const PROBE_WINDOW = 32;

export interface LogEnd {
  /** The first free slot. */
  end: number;
  /** The log ends with its day's seal: nothing may be appended. */
  sealed: boolean;
}

/**
 * The end of a shard's log, searched from `from` (default: the aggregator's cursor). A slot is only
 * ever claimed after its predecessor was seen taken, so the log has no holes: the first missing slot of
 * a bulk read is the end. A seal is always the last slot.
 */
export const findLogEnd = async (
  store: SelectionLogStore,
  date: KstDate,
  shard: number,
  from?: number,
): Promise<LogEnd> => {
  let start = from ?? (await store.getTally(date, shard))?.tally.next_slot ?? 0;
  for (;;) {
    const slots = await store.readSlots(date, shard, start, PROBE_WINDOW);
    if (slots.some((slot) => slot.kind === "seal")) return { end: start + slots.length, sealed: true };
    if (slots.length < PROBE_WINDOW) return { end: start + slots.length, sealed: false };
    start += PROBE_WINDOW;
  }
};
