import { addKstDays, type Clock, type KstDate, kstDateOf, kstDayRange } from "@trip/shared";
import type { LogEntry, LogSlot, Placement } from "../domain/selection-log.ts";
import { findLogEnd } from "./log-end.ts";
import type { SelectionLogStore } from "./ports.ts";

export interface Appended {
  placement: Placement;
  /** The entry as written: a selection that lost the race against its day's seal moves to the next day. */
  entry: LogEntry;
}

export interface LogAppender {
  append(entry: LogEntry, date: KstDate): Promise<Appended>;
}

export interface LogAppenderOptions {
  store: SelectionLogStore;
  clock: Clock;
  shards: number;
  /** Most entries one slot holds. */
  maxBatch: number;
  onConflict?: () => void;
  random?: () => number;
}

interface Waiting {
  entry: LogEntry;
  resolve: (appended: Appended) => void;
  reject: (err: unknown) => void;
}

interface Lane {
  date: KstDate;
  shard: number;
  queue: Waiting[];
  draining: boolean;
  nextSlot: number | undefined;
  sealed: boolean;
}

/**
 * Appends entries to the day's log with group commit: per (day, shard) one write is in flight per
 * replica, and everything that queued meanwhile goes into the next slot together. Claiming a slot is a
 * first-write; losing it to another replica moves to the next slot; finding the day's seal moves the
 * waiting entries to the next open day.
 */
export const createLogAppender = (options: LogAppenderOptions): LogAppender => {
  const { store, clock, shards, maxBatch } = options;
  const random = options.random ?? Math.random;
  const lanes = new Map<string, Lane>();

  const laneOf = (date: KstDate, shard: number): Lane => {
    const key = `${date}:${shard}`;
    let lane = lanes.get(key);
    if (!lane) {
      lane = { date, shard, queue: [], draining: false, nextSlot: undefined, sealed: false };
      lanes.set(key, lane);
    }
    return lane;
  };

  const claim = async (lane: Lane, entries: LogEntry[]): Promise<number | "sealed"> => {
    const value: LogSlot = { kind: "entries", batch_id: crypto.randomUUID(), entries };
    let slot = lane.nextSlot;
    for (let conflicts = 0; ; conflicts++) {
      if (slot === undefined) {
        // A fresh lane, or another replica keeps winning: look for the end instead of one slot at a time.
        const end = await findLogEnd(store, lane.date, lane.shard, lane.nextSlot);
        if (end.sealed) return "sealed";
        slot = end.end;
      }
      const outcome = await store.claimSlot(lane.date, lane.shard, slot, value);
      if (outcome.created || outcome.existing.batch_id === value.batch_id) {
        lane.nextSlot = slot + 1;
        return slot;
      }
      if (outcome.existing.kind === "seal") return "sealed";
      options.onConflict?.();
      lane.nextSlot = slot + 1;
      slot = conflicts % 8 === 7 ? undefined : slot + 1;
    }
  };

  /** Entries of a sealed day go to the next open day, stamped no earlier than that day's start. */
  const moveToNextDay = (from: KstDate, waiting: Waiting[]): void => {
    const now = clock.now();
    const date = [kstDateOf(now), addKstDays(from, 1)].sort().at(-1) as KstDate;
    const start = kstDayRange(date).start;
    const selectedAt = (now > start ? now : start).toISOString();
    for (const w of waiting) append({ ...w.entry, selected_at: selectedAt }, date).then(w.resolve, w.reject);
  };

  const drain = async (lane: Lane): Promise<void> => {
    lane.draining = true;
    try {
      while (lane.queue.length > 0) {
        const batch = lane.queue.splice(0, maxBatch);
        if (lane.sealed) {
          moveToNextDay(lane.date, batch);
          continue;
        }
        try {
          const slot = await claim(
            lane,
            batch.map((w) => w.entry),
          );
          if (slot === "sealed") {
            lane.sealed = true;
            moveToNextDay(lane.date, batch);
            continue;
          }
          batch.forEach((w, index) => {
            w.resolve({ placement: { date: lane.date, shard: lane.shard, slot, index }, entry: w.entry });
          });
        } catch (err) {
          for (const w of batch) w.reject(err);
        }
      }
    } finally {
      lane.draining = false;
      if (lane.date < addKstDays(kstDateOf(clock.now()), -1)) lanes.delete(`${lane.date}:${lane.shard}`);
    }
  };

  const append = (entry: LogEntry, date: KstDate): Promise<Appended> =>
    new Promise((resolve, reject) => {
      const lane = laneOf(date, Math.floor(random() * shards) % shards);
      lane.queue.push({ entry, resolve, reject });
      if (!lane.draining) void drain(lane);
    });

  return { append };
};
