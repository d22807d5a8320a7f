import type { KstDate, StateStore } from "@trip/shared";
import type { CountryTotals } from "../domain/country-totals.ts";
import { compareAndSave } from "./create-if-absent.ts";

/** `rollover`: the last KST day archived; every day up to it is in `daily-selections` and `country-stats`. */
export interface RolloverState {
  last_archived: KstDate;
  updated_at: string;
}

export interface Versioned<T> {
  value: T;
  etag: string | undefined;
}

/** The `country-stats` store: cumulative per-country totals and the rollover state. */
export interface CountryStatsStore {
  getRolloverState(): Promise<Versioned<RolloverState> | undefined>;
  /** false when the state changed since it was read (or was created meanwhile). */
  saveRolloverState(state: RolloverState, etag: string | undefined): Promise<boolean>;
  getTotals(countryCode: string): Promise<Versioned<CountryTotals> | undefined>;
  saveTotals(totals: CountryTotals, etag: string | undefined): Promise<boolean>;
}

export const countryStatsStore = (store: StateStore): CountryStatsStore => ({
  getRolloverState: () => store.get<RolloverState>("rollover"),
  saveRolloverState: (state, etag) => compareAndSave(store, "rollover", state, etag),
  getTotals: (countryCode) => store.get<CountryTotals>(`country:${countryCode}`),
  saveTotals: (totals, etag) => compareAndSave(store, `country:${totals.country_code}`, totals, etag),
});
