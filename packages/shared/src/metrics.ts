type Labels = Record<string, string>;

const labelKey = (labels: Labels): string =>
  Object.keys(labels)
    .sort()
    .map(
      (k) => `${k}="${String(labels[k]).replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`,
    )
    .join(",");

const withBraces = (key: string) => (key ? `{${key}}` : "");

export interface Counter {
  inc(labels?: Labels, by?: number): void;
  /** One series with its labels fixed: the label key is built once, not on every increment. */
  bind(labels: Labels): { inc(by?: number): void };
}
export interface Gauge {
  set(value: number, labels?: Labels): void;
}
export interface Histogram {
  observe(value: number, labels?: Labels): void;
  /** One series with its labels fixed: the label key is built once, not on every observation. */
  bind(labels: Labels): { observe(value: number): void };
}

const DEFAULT_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * A tiny Prometheus text-format registry (web-standard, no Node APIs).
 * @example const requests = metrics.counter("http_requests_total", "Requests"); requests.inc({ route: "/x" });
 */
export class MetricsRegistry {
  private readonly renderers: (() => string)[] = [];

  counter(name: string, help: string): Counter {
    const values = new Map<string, number>();
    this.renderers.push(() => {
      const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} counter`];
      for (const [k, v] of values) lines.push(`${name}${withBraces(k)} ${v}`);
      return lines.join("\n");
    });
    const add = (k: string, by: number) => values.set(k, (values.get(k) ?? 0) + by);
    return {
      inc: (labels = {}, by = 1) => add(labelKey(labels), by),
      bind: (labels) => {
        const k = labelKey(labels);
        return { inc: (by = 1) => add(k, by) };
      },
    };
  }

  gauge(name: string, help: string): Gauge {
    const values = new Map<string, number>();
    this.renderers.push(() => {
      const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} gauge`];
      for (const [k, v] of values) lines.push(`${name}${withBraces(k)} ${v}`);
      return lines.join("\n");
    });
    return { set: (value, labels = {}) => values.set(labelKey(labels), value) };
  }

  histogram(name: string, help: string, buckets: number[] = DEFAULT_BUCKETS): Histogram {
    const series = new Map<string, { counts: number[]; sum: number; count: number }>();
    this.renderers.push(() => {
      const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} histogram`];
      for (const [k, s] of series) {
        const sep = k ? "," : "";
        buckets.forEach((b, i) => {
          lines.push(`${name}_bucket{${k}${sep}le="${b}"} ${s.counts[i]}`);
        });
        lines.push(`${name}_bucket{${k}${sep}le="+Inf"} ${s.count}`);
        lines.push(`${name}_sum${withBraces(k)} ${s.sum}`, `${name}_count${withBraces(k)} ${s.count}`);
      }
      return lines.join("\n");
    });
    const record = (k: string, value: number) => {
      let s = series.get(k);
      if (!s) {
        s = { counts: buckets.map(() => 0), sum: 0, count: 0 };
        series.set(k, s);
      }
      for (let i = 0; i < buckets.length; i++)
        if (value <= (buckets[i] as number)) s.counts[i] = (s.counts[i] ?? 0) + 1;
      s.sum += value;
      s.count += 1;
    };
    return {
      observe: (value, labels = {}) => record(labelKey(labels), value),
      bind: (labels) => {
        const k = labelKey(labels);
        return { observe: (value) => record(k, value) };
      },
    };
  }

  render(): string {
    return `${this.renderers.map((r) => r()).join("\n")}\n`;
  }
}
