import type { KstDate, StateStore } from "@trip/shared";
import type { ArchivedDay } from "../domain/archived-day.ts";
import { type LogSlot, type SelectionRecord, STORE_KEYS } from "../domain/selection-log.ts";
import type { Tally } from "../domain/tally.ts";
import {
  bulkRead,
  type CreateOutcome,
  compareAndSave,
  createIfAbsent,
  createManyIfAbsent,
} from "./create-if-absent.ts";

export interface Retention {
  /** TTL of `selection:{id}` records: a retry later than this counts as a new selection. 0 = keep. */
  selectionSeconds: number;
  /** TTL of log slots and tallies (must outlast the rollover's catch-up window). 0 = keep. */
  logSeconds: number;
}

/** The `daily-selections` store: idempotency records, the selection log, tallies and archived days. */
export interface SelectionLogStore {
  readSelections(ids: readonly string[]): Promise<Map<string, SelectionRecord>>;
  createSelection(record: SelectionRecord): Promise<CreateOutcome<SelectionRecord>>;
  /** `createSelection` for many records at once (one bulk write when none existed); outcomes in order. */
  createSelections(records: readonly SelectionRecord[]): Promise<CreateOutcome<SelectionRecord>[]>;
  claimSlot(date: KstDate, shard: number, slot: number, value: LogSlot): Promise<CreateOutcome<LogSlot>>;
  /** The slots from `from` on that exist, up to `count`, stopping at the first missing one. */
  readSlots(date: KstDate, shard: number, from: number, count: number): Promise<LogSlot[]>;
  getTally(date: KstDate, shard: number): Promise<{ tally: Tally; etag: string | undefined } | undefined>;
  readTallies(date: KstDate, shards: number): Promise<Tally[]>;
  /** false when the tally changed since it was read (another aggregator). */
  saveTally(tally: Tally, etag: string | undefined): Promise<boolean>;
  createArchivedDay(day: ArchivedDay): Promise<CreateOutcome<ArchivedDay>>;
  readArchivedDays(dates: readonly KstDate[]): Promise<Map<KstDate, ArchivedDay>>;
}

export const selectionLogStore = (store: StateStore, retention: Retention): SelectionLogStore => ({
  async readSelections(ids) {
    const rows = await bulkRead<SelectionRecord>(store, [...new Set(ids)].map(STORE_KEYS.selection));
    return new Map([...rows.values()].map(({ value }) => [value.selection_id, value]));
  },
  createSelection: (record) =>
    createIfAbsent(store, STORE_KEYS.selection(record.selection_id), record, retention.selectionSeconds),
  createSelections: (records) =>
    createManyIfAbsent(
      store,
      records.map((record) => ({ key: STORE_KEYS.selection(record.selection_id), value: record })),
      retention.selectionSeconds,
    ),
  claimSlot: (date, shard, slot, value) =>
    createIfAbsent(store, STORE_KEYS.slot(date, shard, slot), value, retention.logSeconds),
  async readSlots(date, shard, from, count) {
    const keys = Array.from({ length: count }, (_, i) => STORE_KEYS.slot(date, shard, from + i));
    const rows = await bulkRead<LogSlot>(store, keys);
    const slots: LogSlot[] = [];
    for (const key of keys) {
      const row = rows.get(key);
      if (!row) break;
      slots.push(row.value);
    }
    return slots;
  },
  async getTally(date, shard) {
    const row = await store.get<Tally>(STORE_KEYS.tally(date, shard));
    return row && { tally: row.value, etag: row.etag };
  },
  async readTallies(date, shards) {
    const keys = Array.from({ length: shards }, (_, shard) => STORE_KEYS.tally(date, shard));
    return [...(await bulkRead<Tally>(store, keys)).values()].map((row) => row.value);
  },
  saveTally: (tally, etag) =>
    compareAndSave(store, STORE_KEYS.tally(tally.date, tally.shard), tally, etag, retention.logSeconds),
  createArchivedDay: (day) => createIfAbsent(store, STORE_KEYS.day(day.date), day),
  async readArchivedDays(dates) {
    const rows = await bulkRead<ArchivedDay>(store, dates.map(STORE_KEYS.day));
    return new Map([...rows.values()].map(({ value }) => [value.date, value]));
  },
});
