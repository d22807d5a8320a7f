import { type KeyboardEvent, type PointerEvent, useState } from "react";
import { linePath, nearestIndex, type PlotBox, valueRange, xAt, yAt } from "../domain/chart-geometry.ts";
import { ChartAxes, type ChartSeries, ChartTooltip, pointText } from "./chart-parts.tsx";
import { useElementWidth } from "./use-element-width.ts";

export type LineSeries = ChartSeries;

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
  const readIndex = hover ?? count - 1;
  const readOut = `${labels[readIndex] ?? ""}: ${pointText(series, readIndex, formatValue).join(", ")}`;
  const descriptionId = `${testId}-summary`;
  return (
    <div
      ref={containerRef}
      className="chart"
      data-testid={testId}
      data-points={drawn}
      data-series={series.length}
    >
      <p id={descriptionId} className="visually-hidden">
        {summary}
      </p>
      {/* A chart read point by point is a slider over its samples: arrow keys move, the value is announced. */}
      <div
        className="chart__surface"
        role="slider"
        tabIndex={0}
        aria-label={title}
        aria-describedby={descriptionId}
        aria-valuemin={0}
        aria-valuemax={Math.max(count - 1, 0)}
        aria-valuenow={readIndex}
        aria-valuetext={readOut}
        onKeyDown={onKeyDown}
        onBlur={() => setHover(undefined)}
      >
        <svg
          width={width}
          height={HEIGHT}
          viewBox={`0 0 ${width} ${HEIGHT}`}
          aria-hidden="true"
          onPointerMove={onPointerMove}
          onPointerLeave={() => setHover(undefined)}
        >
          <ChartAxes range={range} box={box} labels={labels} formatValue={formatValue} />
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
        <ChartTooltip
          series={series}
          labels={labels}
          index={hover}
          formatValue={formatValue}
          testId={testId}
        />
      </div>
    </div>
  );
};
