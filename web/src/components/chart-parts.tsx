import { niceTicks, type PlotBox, type ValueRange, xAt, yAt } from "../domain/chart-geometry.ts";

export interface ChartSeries {
  key: string;
  label: string;
  color: string;
  values: readonly (number | null)[];
}

/** "KRW 1,392.40" or "USD 101.2, JPY 99.8" for one x position; "–" marks a gap. */
export const pointText = (
  series: readonly ChartSeries[],
  index: number,
  formatValue: (value: number) => string,
): string[] =>
  series.map((s) => {
    const v = s.values[index];
    const value = v === null || v === undefined ? "–" : formatValue(v);
    return series.length > 1 ? `${s.label} ${value}` : value;
  });

/** Horizontal grid with value labels, and the first and last x labels. */
export const ChartAxes = ({
  range,
  box,
  labels,
  formatValue,
}: {
  range: ValueRange | undefined;
  box: PlotBox;
  labels: readonly string[];
  formatValue: (value: number) => string;
}) => {
  const { padding, width, height } = box;
  const count = labels.length;
  return (
    <>
      {range &&
        niceTicks(range, 5).map((tick) => (
          <g key={tick} className="chart__grid">
            <line
              x1={padding.left}
              x2={width - padding.right}
              y1={yAt(tick, range, box)}
              y2={yAt(tick, range, box)}
            />
            <text x={padding.left - 8} y={yAt(tick, range, box)} textAnchor="end" dominantBaseline="middle">
              {formatValue(tick)}
            </text>
          </g>
        ))}
      {count > 0 &&
        [0, count - 1].map((i) => (
          <text
            key={i}
            className="chart__axis"
            x={xAt(i, count, box)}
            y={height - 8}
            textAnchor={i === 0 ? "start" : "end"}
          >
            {labels[i]}
          </text>
        ))}
    </>
  );
};

/** The hovered point's label and values. Visual only: the slider's aria-valuetext says the same. */
export const ChartTooltip = ({
  series,
  labels,
  index,
  formatValue,
  testId,
}: {
  series: readonly ChartSeries[];
  labels: readonly string[];
  index: number | undefined;
  formatValue: (value: number) => string;
  testId: string;
}) => (
  <div
    className="chart__tooltip"
    aria-hidden="true"
    hidden={index === undefined}
    data-testid={`${testId}-tooltip`}
  >
    {index !== undefined && (
      <>
        <strong>{labels[index]}</strong>
        {pointText(series, index, formatValue).map((text, i) => (
          <span key={series[i]?.key ?? i} className="chart__tooltip-row">
            <span className="swatch" style={{ background: series[i]?.color }} />
            {text}
          </span>
        ))}
      </>
    )}
  </div>
);
