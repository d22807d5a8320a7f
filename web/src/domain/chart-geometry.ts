export interface PlotBox {
  width: number;
  height: number;
  /** Space kept free on each side (axis labels live there). */
  padding: { top: number; right: number; bottom: number; left: number };
}

export interface ValueRange {
  min: number;
  max: number;
}

/** The range of the finite values, widened a little so a flat line is not drawn on the border. */
export const valueRange = (values: readonly (number | null)[]): ValueRange | undefined => {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (finite.length === 0) return undefined;
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  const pad = min === max ? Math.abs(min) * 0.01 || 1 : (max - min) * 0.08;
  return { min: min - pad, max: max + pad };
};

/** x of the i-th of `count` evenly spaced points (points are trading samples, not clock time). */
export const xAt = (index: number, count: number, box: PlotBox): number => {
  const inner = box.width - box.padding.left - box.padding.right;
  return count <= 1 ? box.padding.left + inner / 2 : box.padding.left + (inner * index) / (count - 1);
};

export const yAt = (value: number, range: ValueRange, box: PlotBox): number => {
  const inner = box.height - box.padding.top - box.padding.bottom;
  return box.padding.top + inner * (1 - (value - range.min) / (range.max - range.min));
};

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * An SVG path through the points; a null value breaks the line. One "M"/"L" command per drawn point.
 * @example linePath([1, 2], { min: 0, max: 2 }, box) // "M40 …L…"
 */
export const linePath = (values: readonly (number | null)[], range: ValueRange, box: PlotBox): string => {
  let path = "";
  let penDown = false;
  values.forEach((value, i) => {
    if (value === null || !Number.isFinite(value)) {
      penDown = false;
      return;
    }
    path += `${penDown ? "L" : "M"}${round(xAt(i, values.length, box))} ${round(yAt(value, range, box))}`;
    penDown = true;
  });
  return path;
};

/** The index of the point nearest to pixel `x` (for hover), clamped to the data. */
export const nearestIndex = (x: number, count: number, box: PlotBox): number => {
  if (count <= 1) return 0;
  const inner = box.width - box.padding.left - box.padding.right;
  const index = Math.round(((x - box.padding.left) / inner) * (count - 1));
  return Math.min(count - 1, Math.max(0, index));
};

/** Up to `count` evenly spaced axis values inside the range, at "nice" steps (1, 2, 2.5, 5 × 10^n). */
export const niceTicks = (range: ValueRange, count = 4): number[] => {
  const rawStep = (range.max - range.min) / count;
  if (!(rawStep > 0)) return [range.min];
  const magnitude = 10 ** Math.floor(Math.log10(rawStep));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= rawStep) ?? 10) * magnitude;
  const ticks: number[] = [];
  for (let v = Math.ceil(range.min / step) * step; v <= range.max + step * 1e-9; v += step) {
    ticks.push(Number(v.toPrecision(12)));
  }
  return ticks;
};
