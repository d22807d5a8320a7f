import { AppError, type Clock, HOME_CURRENCY } from "@trip/shared";
import { type BarQuery, planBarQueries } from "../domain/bar-sources.ts";
import { type Bar, crossBars, HOME, type Series } from "../domain/bars.ts";
import { type CompareData, compareReport } from "../domain/compare-report.ts";
import { type HistoryData, historyReport } from "../domain/history-report.ts";
import {
  bucketCount,
  dailyWindowCovering,
  defaultInterval,
  type Interval,
  intervalAllowed,
  MAX_POINTS,
  type Period,
  type Window,
  windowOf,
} from "../domain/periods.ts";
import { type StatsData, statsReport } from "../domain/stats-report.ts";
import type { RateHistoryStore } from "./ports.ts";
import type { QueryCache } from "./query-cache.ts";

export interface HistoryQueriesDeps {
  store: RateHistoryStore;
  cache: QueryCache;
  clock: Clock;
}

export const MIN_COMPARE_TARGETS = 2;
export const MAX_COMPARE_TARGETS = 10;

const samePair = (target: string, base: string) => {
  if (target === base) {
    throw new AppError("INVALID_CURRENCY_CODE", "target and base must be different currencies", {
      target,
      base,
    });
  }
};

/** Reads, crosses and reports rate history. Every answer is cached until the next ingestion (or TTL). */
export const createHistoryQueries = ({ store, cache, clock }: HistoryQueriesDeps) => {
  const read = (currency: string, query: BarQuery): Promise<Bar[]> => {
    if (query.source === "intraday")
      return store.intradayBars(currency, query.bucketSeconds, query.from, query.to);
    if (query.source === "raw-daily") return store.rawDailyBars(currency, query.from, query.to);
    return store.dailyStatsBars(currency, query.firstDate, query.lastDate);
  };
  const seriesOf = async (currency: string, window: Window): Promise<Series> => {
    if (currency === HOME_CURRENCY) return HOME;
    const parts = await Promise.all(planBarQueries(window).map((query) => read(currency, query)));
    return parts.flat();
  };
  const pairBars = async (target: string, base: string, window: Window): Promise<Bar[]> => {
    const [t, b] = await Promise.all([seriesOf(target, window), seriesOf(base, window)]);
    return crossBars(t, b);
  };

  return {
    history(q: {
      target: string;
      base: string;
      period: Period;
      interval?: Interval | undefined;
    }): Promise<HistoryData> {
      samePair(q.target, q.base);
      const interval = q.interval ?? defaultInterval(q.period);
      if (!intervalAllowed(q.period, interval)) {
        throw new AppError("INVALID_PERIOD", `interval ${interval} is too fine for period ${q.period}`, {
          points: bucketCount(q.period, interval),
          max_points: MAX_POINTS,
        });
      }
      return cache.getOrCompute(`history|${q.target}|${q.base}|${q.period}|${interval}`, async () => {
        const bars = await pairBars(q.target, q.base, windowOf(q.period, interval, clock.now()));
        return historyReport({ ...q, interval, bars });
      });
    },

    stats(q: { target: string; base: string; period: Period }): Promise<StatsData> {
      samePair(q.target, q.base);
      return cache.getOrCompute(`stats|${q.target}|${q.base}|${q.period}`, async () => {
        const now = clock.now();
        const window = windowOf(q.period, defaultInterval(q.period), now);
        const [bars, dailyBars] = await Promise.all([
          pairBars(q.target, q.base, window),
          window.kind === "daily" ? undefined : pairBars(q.target, q.base, dailyWindowCovering(window, now)),
        ]);
        return statsReport({ ...q, bars, dailyBars: dailyBars ?? bars, now });
      });
    },

    compare(q: { targets: readonly string[]; base: string; period: Period }): Promise<CompareData> {
      const targets = [...new Set(q.targets)];
      if (targets.length < MIN_COMPARE_TARGETS || targets.length > MAX_COMPARE_TARGETS) {
        throw new AppError(
          "DATA_VALIDATION_ERROR",
          `targets must list ${MIN_COMPARE_TARGETS} to ${MAX_COMPARE_TARGETS} different currencies`,
          { count: targets.length },
        );
      }
      for (const target of targets) samePair(target, q.base);
      return cache.getOrCompute(`compare|${targets.join(",")}|${q.base}|${q.period}`, async () => {
        const now = clock.now();
        const window = windowOf(q.period, defaultInterval(q.period), now);
        const base = await seriesOf(q.base, window);
        const series = await Promise.all(
          targets.map(async (t) => [t, crossBars(await seriesOf(t, window), base)] as const),
        );
        return compareReport({ base: q.base, period: q.period, now, series });
      });
    },
  };
};

export type HistoryQueries = ReturnType<typeof createHistoryQueries>;
