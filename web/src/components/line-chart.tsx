import { type KeyboardEvent, type PointerEvent, useState } from "react";
import { linePath, nearestIndex, niceTicks, type PlotBox, valueRange, xAt, yAt } from "../domain/chart-geometry.ts";
import { useElementWidth } from "./use-element-width.ts";

export interface LineSeries {
  key: string;
  label: string;
  color: string;
  values: readonly (number | null)[];
}

interface LineChartProps {
  series: readonly LineSeries[];
  /** One label per x position (KST date or time), shown on hover and on the axis. */
  labels: readonly string[];
  formatValue: (value: number) => string;
  title: string;
  summary: string;
  testId: string;
}

const HEIGHT = 240;
const PADDING = { top: 12, right: 12, bottom: 28, left: 64 };

/** A hand-rolled SVG line chart with hover and keyboard read-out (←/→, Home/End). */
export const LineChart = ({ series, labels, formatValue, title, summary, testId }: LineChartProps) => {
  const [containerRef, width] = useElementWidth<HTMLDivElement>(640);
  const [hover, setHover] = useState<number | undefined>(undefined);
  const box: PlotBox = { width, height: HEIGHT, padding: PADDING };
  const count = labels.length;
  const range = valueRange(series.flatMap((s) => s.values));
  const drawn = series[0]?.values.filter((v) => v !== null && Number.isFinite(v)).length ?? 0;

  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    setHover(nearestIndex(((event.clientX - rect.left) / rect.width) * width, count, box));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, (i: number) => number> = {
      ArrowLeft: (i) => i - 1,
      ArrowRight: (i) => i + 1,
      Home: () => 0,
      End: () => count - 1,
    };
    const move = moves[event.key];
    if (!move || count === 0) return;
    event.preventDefault();
    setHover((i) => Math.min(count - 1, Math.max(0, move(i ?? count - 1))));
  };

  const hoverX = hover === undefined ? undefined : xAt(hover, count, box);
  const descriptionId = `${testId}-summary`;
  return (
    <div
      ref={containerRef}
      className="chart"
      data-testid={testId}
      data-points={drawn}
      data-series={series.length}
      role="group"
      aria-label={title}
      aria-describedby={descriptionId}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onBlur={() => setHover(undefined)}
    >
      <p id={descriptionId} className="visually-hidden">
        {summary}
      </p>
      <svg
        width={width}
        height={HEIGHT}
        viewBox={`0 0 ${width} ${HEIGHT}`}
        aria-hidden="true"
        onPointerMove={onPointerMove}
        onPointerLeave={() => setHover(undefined)}
      >
        {range &&
          niceTicks(range).map((tick) => (
            <g key={tick} className="chart__grid">
              <line x1={PADDING.left} x2={width - PADDING.right} y1={yAt(tick, range, box)} y2={yAt(tick, range, box)} />
              <text x={PADDING.left - 8} y={yAt(tick, range, box)} textAnchor="end" dominantBaseline="middle">
                {formatValue(tick)}
              </text>
            </g>
          ))}
        {count > 0 &&
          [0, count - 1].map((i) => (
            <text key={i} className="chart__axis" x={xAt(i, count, box)} y={HEIGHT - 8} textAnchor={i === 0 ? "start" : "end"}>
              {labels[i]}
            </text>
          ))}
        {range &&
          series.map((s) => (
            <path
              key={s.key}
              className="chart__line"
              d={linePath(s.values, range, box)}
              stroke={s.color}
              data-series-key={s.key}
              data-points={s.values.filter((v) => v !== null).length}
            />
          ))}
        {range && hover !== undefined && hoverX !== undefined && (
          <g className="chart__hover">
            <line x1={hoverX} x2={hoverX} y1={PADDING.top} y2={HEIGHT - PADDING.bottom} />
            {series.map((s) => {
              const v = s.values[hover];
              return v === null || v === undefined ? null : (
                <circle key={s.key} cx={hoverX} cy={yAt(v, range, box)} r={4} fill={s.color} />
              );
            })}
          </g>
        )}
      </svg>
      <div className="chart__tooltip" aria-live="polite" hidden={hover === undefined} data-testid={`${testId}-tooltip`}>
        {hover !== undefined && (
          <>
            <strong>{labels[hover]}</strong>
            {series.map((s) => {
              const v = s.values[hover];
              return (
                <span key={s.key} className="chart__tooltip-row">
                  <span className="swatch" style={{ background: s.color }} aria-hidden="true" />
                  {series.length > 1 && `${s.label} `}
                  {v === null || v === undefined ? "–" : formatValue(v)}
                </span>
              );
            })}
          </>
        )}
      </div>
    </div>
  );
};
