import { type Clock, kstDateOf } from "@trip/shared";
import {
  bodyOf,
  recordOf,
  type SelectionBody,
  type SelectionRecord,
  samePlacement,
} from "../domain/selection-log.ts";
import { batchedLookup, coalesced } from "./coalesced.ts";
import type { LogAppender } from "./log-appender.ts";
import type { SelectionLogStore } from "./ports.ts";

export interface SelectionInput {
  /** The client's idempotency key; a new id is generated when absent. */
  selection_id?: string | undefined;
  country_code: string;
  currency_code: string;
  user_hash: string | null;
  session_id: string | null;
  referrer: string | null;
}

export interface RecordedSelection {
  body: SelectionBody;
  /** true when this id had been recorded before: nothing new was counted. */
  replayed: boolean;
}

export interface SelectionRecorder {
  record(input: SelectionInput): Promise<RecordedSelection>;
}

/**
 * The write path: a known id answers its stored body; a new one is appended to today's log (that is the
 * moment it is accepted) and then gets its idempotency record. Two concurrent calls with one id may both
 * append; the record (first-write) names one entry and the aggregator skips the other.
 */
export const createSelectionRecorder = (deps: {
  store: SelectionLogStore;
  appender: LogAppender;
  clock: Clock;
  newId?: () => string;
}): SelectionRecorder => {
  // Concurrent requests share bulk reads and bulk first-writes of their idempotency records (one sidecar
  // call per round trip each, not one per request).
  const records = batchedLookup((ids) => deps.store.readSelections(ids), 100);
  const createRecord = coalesced(
    (batch: readonly SelectionRecord[]) => deps.store.createSelections(batch),
    100,
  );
  return {
    async record(input) {
      // A fresh id cannot have been recorded: only a client's own id is looked up.
      const selectionId = input.selection_id ?? (deps.newId ?? (() => crypto.randomUUID()))();
      const known = input.selection_id === undefined ? undefined : await records.get(selectionId);
      if (known) return { body: bodyOf(known), replayed: true };
      const now = deps.clock.now();
      const { placement, entry } = await deps.appender.append(
        {
          selection_id: selectionId,
          country_code: input.country_code,
          currency_code: input.currency_code,
          user_hash: input.user_hash,
          session_id: input.session_id,
          referrer: input.referrer,
          selected_at: now.toISOString(),
        },
        kstDateOf(now),
      );
      const record = recordOf(entry, placement);
      const outcome = await createRecord(record);
      if (outcome.created) return { body: bodyOf(record), replayed: false };
      // The aggregator adopted our entry first (same placement), or a concurrent retry won the record.
      return {
        body: bodyOf(outcome.existing),
        replayed: !samePlacement(outcome.existing.placement, placement),
      };
    },
  };
};
