import type { KstDate } from "@trip/shared";

/**
 * The selection log: each KST day has LOG_SHARDS append-only logs of numbered slots
 * (`log:{date}:{shard}:{slot}`). A slot is created once (first-write) and holds a batch of accepted
 * selections, or the day's seal. See the README ("Exact counts") for why this counts every accepted
 * selection exactly once.
 */
export const LOG_SHARDS = 8;

export interface LogEntry {
  selection_id: string;
  country_code: string;
  currency_code: string;
  user_hash: string | null;
  session_id: string | null;
  referrer: string | null;
  /** ISO-8601 UTC instant the selection was accepted. */
  selected_at: string;
}

export type LogSlot =
  | { kind: "entries"; batch_id: string; entries: LogEntry[] }
  | { kind: "seal"; batch_id: string; sealed_at: string };

/** Where one entry sits: the slot that holds it and its index in the slot's batch. */
export interface Placement {
  date: KstDate;
  shard: number;
  slot: number;
  index: number;
}

/** `selection:{id}`: the idempotency record. It names the one log entry that counts for this id. */
export interface SelectionRecord {
  selection_id: string;
  country_code: string;
  date: KstDate;
  accepted_at: string;
  placement: Placement;
}

/** The 201 body of `POST /api/v1/rankings/selections`, the same for the first call and every retry. */
export interface SelectionBody {
  selection_id: string;
  country_code: string;
  date: KstDate;
  message: string;
}

export const STORE_KEYS = {
  selection: (id: string) => `selection:${id}`,
  slot: (date: KstDate, shard: number, slot: number) => `log:${date}:${shard}:${slot}`,
  tally: (date: KstDate, shard: number) => `tally:${date}:${shard}`,
  day: (date: KstDate) => `day:${date}`,
} as const;

/** Client-supplied selection ids: safe as part of a state key (no `||`, no spaces), at most 128 chars. */
export const SELECTION_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export const samePlacement = (a: Placement, b: Placement): boolean =>
  a.date === b.date && a.shard === b.shard && a.slot === b.slot && a.index === b.index;

export const recordOf = (entry: LogEntry, placement: Placement): SelectionRecord => ({
  selection_id: entry.selection_id,
  country_code: entry.country_code,
  date: placement.date,
  accepted_at: entry.selected_at,
  placement,
});

export const bodyOf = (record: SelectionRecord): SelectionBody => ({
  selection_id: record.selection_id,
  country_code: record.country_code,
  date: record.date,
  message: "Selection recorded",
});

export type EntryDecision = "count" | "duplicate" | "adopt";

/**
 * What the aggregator does with a log entry, given the selection's idempotency record:
 * - the record names this entry → count it;
 * - the record names another entry (a retry appended twice) → a duplicate, never counted;
 * - no record yet (writer crashed after appending, or is still in flight) → adopt: create the record
 *   naming this entry with first-write, then decide again on whatever record won.
 */
export const decideEntry = (placement: Placement, record: SelectionRecord | undefined): EntryDecision => {
  if (!record) return "adopt";
  return samePlacement(record.placement, placement) ? "count" : "duplicate";
};
