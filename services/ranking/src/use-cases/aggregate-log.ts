import type { KstDate } from "@trip/shared";
import {
  decideEntry,
  type LogEntry,
  type LogSlot,
  type Placement,
  recordOf,
} from "../domain/selection-log.ts";
import { advanceTally, emptyTally, type Tally } from "../domain/tally.ts";
import type { RankingEvents, SelectionLogStore } from "./ports.ts";

export interface AggregatorDeps {
  store: SelectionLogStore;
  events: RankingEvents;
  shards: number;
  onCounted?: (n: number) => void;
  onDuplicates?: (n: number) => void;
}

const SLOTS_PER_ROUND = 16;
/** Events per bulk publish. */
const PUBLISH_BATCH = 500;

interface Placed {
  entry: LogEntry;
  placement: Placement;
}

/** The entries of some consecutive slots that count: decided against their idempotency records. */
const countedEntries = async (deps: AggregatorDeps, placed: Placed[]): Promise<Placed[]> => {
  const records = await deps.store.readSelections(placed.map((p) => p.entry.selection_id));
  const counted: Placed[] = [];
  for (const p of placed) {
    let decision = decideEntry(p.placement, records.get(p.entry.selection_id));
    if (decision === "adopt") {
      const outcome = await deps.store.createSelection(recordOf(p.entry, p.placement));
      const record = outcome.created ? recordOf(p.entry, p.placement) : outcome.existing;
      records.set(p.entry.selection_id, record);
      decision = decideEntry(p.placement, record);
    }
    if (decision === "count") counted.push(p);
  }
  deps.onDuplicates?.(placed.length - counted.length);
  return counted;
};

/**
 * Counts a shard's log from the tally's cursor to its end (or seal) and returns the tally. Each round:
 * read slots → decide each entry → publish `ranking.selection-recorded` for counted ones → save cursor
 * and counts together with the tally's ETag. A crash before the save repeats the round (events may be
 * published twice; consumers are idempotent); a concurrent aggregator makes the save fail and the round
 * starts again from its cursor. Counts never move without the cursor.
 */
export const aggregateShard = async (deps: AggregatorDeps, date: KstDate, shard: number): Promise<Tally> => {
  for (;;) {
    const current = await deps.store.getTally(date, shard);
    const tally = current?.tally ?? emptyTally(date, shard);
    if (tally.sealed) return tally;
    const slots = await deps.store.readSlots(date, shard, tally.next_slot, SLOTS_PER_ROUND);
    if (slots.length === 0) return tally;
    const sealAt = slots.findIndex((slot) => slot.kind === "seal");
    const read = sealAt === -1 ? slots : slots.slice(0, sealAt + 1);
    const placed = read.flatMap((slot: LogSlot, i) =>
      slot.kind === "entries"
        ? slot.entries.map((entry, index) => ({
            entry,
            placement: { date, shard, slot: tally.next_slot + i, index },
          }))
        : [],
    );
    const counted = await countedEntries(deps, placed);
    for (let i = 0; i < counted.length; i += PUBLISH_BATCH) {
      await deps.events.selectionsRecorded(
        counted.slice(i, i + PUBLISH_BATCH).map(({ entry }) => ({
          selection_id: entry.selection_id,
          country_code: entry.country_code,
          currency_code: entry.currency_code,
          user_hash: entry.user_hash,
          session_id: entry.session_id,
          selected_at: entry.selected_at,
          kst_date: date,
        })),
      );
    }
    const next = advanceTally(
      tally,
      counted.map((p) => p.entry.country_code),
      tally.next_slot + read.length,
      sealAt !== -1,
    );
    if (!(await deps.store.saveTally(next, current?.etag))) continue;
    deps.onCounted?.(counted.length);
    if (next.sealed || slots.length < SLOTS_PER_ROUND) return next;
  }
};

/** Every shard of a day, aggregated in parallel. */
export const aggregateDay = (deps: AggregatorDeps, date: KstDate): Promise<Tally[]> =>
  Promise.all(Array.from({ length: deps.shards }, (_, shard) => aggregateShard(deps, date, shard)));
