import { type Clock, kstDateOf } from "@trip/shared";
import { destinationOf } from "../domain/destinations.ts";
import { periodWindow, type RankingPeriod } from "../domain/kst-windows.ts";
import { paginate } from "../domain/pagination.ts";
import type { RankingEntry } from "../domain/ranking.ts";
import { snapshotAsOf } from "../domain/snapshot.ts";
import type { SnapshotStore } from "./ports.ts";

/** A ranking row as the API shows it: the snapshot's figures plus the catalog's names and currency. */
const withCatalogNames = (entry: RankingEntry) => {
  const country = destinationOf(entry.country_code);
  return {
    rank: entry.rank,
    country_code: entry.country_code,
    country_name: country?.nameKo ?? entry.country_code,
    country_name_en: country?.nameEn ?? entry.country_code,
    currency_code: country?.currencyCode ?? null,
    score: entry.score,
    selection_count: entry.score,
    percentage: entry.percentage,
    change: entry.change,
    change_value: entry.change_value,
    previous_rank: entry.previous_rank,
  };
};

export type RankingRow = ReturnType<typeof withCatalogNames>;

/**
 * `GET /api/v1/rankings`: one page of a period's snapshot. Before the first recomputation there is no
 * snapshot: the ranking is empty and `last_updated` is null.
 */
export const readRanking = async (
  deps: { snapshots: SnapshotStore; clock: Clock },
  query: { period: RankingPeriod; limit: number; offset: number },
) => {
  const today = kstDateOf(deps.clock.now());
  const stored = await deps.snapshots.getSnapshot(query.period);
  const snapshot = stored && snapshotAsOf(stored, today);
  const window = periodWindow(query.period, today);
  const page = paginate(snapshot?.ranking ?? [], query.limit, query.offset);
  return {
    period: query.period,
    date_range: snapshot?.date_range ?? { from: window.from, to: window.to },
    total_selections: snapshot?.total_selections ?? 0,
    last_updated: snapshot?.computed_at ?? null,
    ranking: page.items.map(withCatalogNames),
    pagination: page.pagination,
  };
};
