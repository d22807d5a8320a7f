import type { StateStore } from "@trip/shared";
import type { ArchivedDay } from "../domain/archived-day.ts";
import { type LogSlot, type SelectionRecord, STORE_KEYS } from "../domain/selection-log.ts";
import type { Tally } from "../domain/tally.ts";
import type { Retention, SelectionLogStore } from "../use-cases/ports.ts";
import { bulkRead, compareAndSave, createIfAbsent, createManyIfAbsent } from "./create-if-absent.ts";

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
