import type { StateStore } from "@trip/shared";
import type { CountryTotals } from "../domain/country-totals.ts";
import type { CountryStatsStore, RolloverState } from "../use-cases/ports.ts";
import { compareAndSave } from "./create-if-absent.ts";

export const countryStatsStore = (store: StateStore): CountryStatsStore => ({
  getRolloverState: () => store.get<RolloverState>("rollover"),
  saveRolloverState: (state, etag) => compareAndSave(store, "rollover", state, etag),
  getTotals: (countryCode) => store.get<CountryTotals>(`country:${countryCode}`),
  saveTotals: (totals, etag) => compareAndSave(store, `country:${totals.country_code}`, totals, etag),
});
