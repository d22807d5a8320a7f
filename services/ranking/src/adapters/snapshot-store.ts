import type { StateStore } from "@trip/shared";
import type { RankingSnapshot } from "../domain/snapshot.ts";
import type { SnapshotStore } from "../use-cases/ports.ts";
import { createIfAbsent } from "./create-if-absent.ts";

const TICK_RETENTION_SECONDS = 86_400;

export const snapshotStore = (store: StateStore): SnapshotStore => ({
  async getSnapshot(period) {
    return (await store.get<RankingSnapshot>(`snapshot:${period}`))?.value;
  },
  async saveSnapshots(snapshots) {
    // Last write wins on purpose: a snapshot is a pure function of the counts at its computed_at.
    await store.save(snapshots.map((snapshot) => ({ key: `snapshot:${snapshot.period}`, value: snapshot })));
  },
  async claimTick(record) {
    return (await createIfAbsent(store, `tick:${record.tick}`, record, TICK_RETENTION_SECONDS)).created;
  },
});
