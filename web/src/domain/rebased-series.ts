export interface SeriesInput {
  key: string;
  points: readonly { date: string; rate: number | null }[];
}

export interface RebasedSeries {
  key: string;
  /** One entry per shared x position; null where this series has no sample. */
  values: (number | null)[];
}

/**
 * Puts several currencies on one scale: each series becomes 100 × rate / its first rate, over the union
 * of all their dates (sorted), so "+3 %" looks the same for USD at 1,390 and VND at 0.055.
 * @example rebaseSeries([{ key: "USD", points: [{ date: "d1", rate: 1000 }, { date: "d2", rate: 1010 }] }])
 *   // { dates: ["d1", "d2"], series: [{ key: "USD", values: [100, 101] }] }
 */
export const rebaseSeries = (
  inputs: readonly SeriesInput[],
): { dates: string[]; series: RebasedSeries[] } => {
  const dates = [...new Set(inputs.flatMap((s) => s.points.map((p) => p.date)))].sort();
  const series = inputs.map((input) => {
    const byDate = new Map(input.points.map((p) => [p.date, p.rate]));
    const base = input.points.find((p) => p.rate !== null && p.rate > 0)?.rate;
    const values = dates.map((date) => {
      const rate = byDate.get(date);
      return base === undefined || base === null || rate === undefined || rate === null
        ? null
        : (100 * rate) / base;
    });
    return { key: input.key, values };
  });
  return { dates, series };
};
