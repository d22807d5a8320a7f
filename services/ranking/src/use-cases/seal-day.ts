import type { Clock, KstDate } from "@trip/shared";
import type { LogSlot } from "../domain/selection-log.ts";
import { findLogEnd } from "./log-end.ts";
import type { SelectionLogStore } from "./ports.ts";

/**
 * Closes one shard of a finished day: claims the slot after the last entry with a seal. A writer that
 * meets the seal moves its entries to the next day, so nothing is appended after it and the aggregator
 * can finish the day exactly. Idempotent: an existing seal is found and kept.
 */
export const sealShard = async (
  store: SelectionLogStore,
  clock: Clock,
  date: KstDate,
  shard: number,
): Promise<void> => {
  const seal: LogSlot = { kind: "seal", batch_id: crypto.randomUUID(), sealed_at: clock.now().toISOString() };
  const end = await findLogEnd(store, date, shard);
  if (end.sealed) return;
  let slot = end.end;
  for (;;) {
    const outcome = await store.claimSlot(date, shard, slot, seal);
    if (outcome.created || outcome.existing.kind === "seal") return;
    slot += 1;
  }
};

export const sealDay = (store: SelectionLogStore, clock: Clock, date: KstDate, shards: number) =>
  Promise.all(Array.from({ length: shards }, (_, shard) => sealShard(store, clock, date, shard)));
