import type { StateStore } from "@trip/shared";
import type { RankingPeriod } from "../domain/kst-windows.ts";
import type { RankingSnapshot } from "../domain/snapshot.ts";
import { createIfAbsent } from "./create-if-absent.ts";

/** `tick:{minute}`: which replica recomputed for a cron-ranking tick. */
export interface TickRecord {
  tick: string;
  replica: string;
  claimed_at: string;
}

const TICK_RETENTION_SECONDS = 86_400;

/** The `rankings` store: one snapshot per period, and the per-tick recomputation claims. */
export interface SnapshotStore {
  getSnapshot(period: RankingPeriod): Promise<RankingSnapshot | undefined>;
  saveSnapshots(snapshots: readonly RankingSnapshot[]): Promise<void>;
  /** true when this replica is the first to claim `tick`. */
  claimTick(record: TickRecord): Promise<boolean>;
}

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
