import type { InMemoryStateStore } from "@trip/shared/testing";
import type { LogSlot } from "../domain/selection-log.ts";

/** Every entry in the log of `date` (all shards), as [slot key, selection_id] pairs. */
export const logEntriesOf = (store: InMemoryStateStore, date: string) =>
  [...store.dump()]
    .filter(([key]) => key.startsWith(`log:${date}:`))
    .flatMap(([key, slot]) => {
      const s = slot as LogSlot;
      return s.kind === "entries" ? s.entries.map((e) => [key, e.selection_id] as const) : [];
    });

export const keysOf = (store: InMemoryStateStore, prefix: string) =>
  [...store.dump().keys()].filter((key) => key.startsWith(prefix)).sort();
