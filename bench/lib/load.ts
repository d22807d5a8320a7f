import { join } from "node:path";

export interface LoadOptions {
  url: string;
  connections?: number;
  duration?: number;
  /** Send exactly this many requests instead of running for `duration`. */
  amount?: number;
  overallRate?: number;
  method?: string;
  headers?: Record<string, string>;
  bodies?: unknown[];
  /** Paths (with query) cycled per request against the URL's origin. */
  paths?: string[];
  timeout?: number;
}

export interface LoadResult {
  url: string;
  /** Seconds the load ran (autocannon's own measure, from the first request to the last answer). */
  duration_s: number;
  requests_total: number;
  rps_mean: number;
  latency_ms: { p50: number; p90: number; p99: number; max: number; mean: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  statuses: Record<string, number>;
}

const WORKER = join(import.meta.dir, "autocannon-worker.mjs");

/**
 * Where a load may go: loopback, and the local cluster's node and pod range 10.244.0.0/16 (bench/cluster.ts
 * loads its NodePorts). That range is a bridge inside network namespaces this machine created
 * (scripts/cluster), reachable from this machine only. The machine's own network (192.0.2.0/24) and
 * anything beyond it must never be a target.
 */
const ALLOWED_TARGET = /^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\]|10\.244\.\d+\.\d+)[:/]/;

/** Runs autocannon in a separate Node process against a loopback (or local-cluster) URL; returns its figures. */
export const runLoad = async (options: LoadOptions): Promise<LoadResult> => {
  if (!ALLOWED_TARGET.test(options.url)) {
    throw new Error(
      `benchmarks only target loopback and the local cluster (10.244.0.0/16), not ${options.url}`,
    );
  }
  const proc = Bun.spawn(["node", WORKER, JSON.stringify(options)], { stdout: "pipe", stderr: "inherit" });
  const out = await new Response(proc.stdout).text();
  if ((await proc.exited) !== 0) throw new Error(`autocannon failed for ${options.url}`);
  return JSON.parse(out) as LoadResult;
};

/** Median of numbers (the figure we report from repeated runs). */
export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/** Percentile (nearest-rank) of a sample of durations. */
export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
};

export const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * Runs `fn` while a bare Bun + Hono route serves `body` from memory on `port` (the baseline every read
 * benchmark is measured beside), and stops it afterwards.
 */
export const withBaselineServer = async <T>(
  port: number,
  body: string,
  fn: (url: string) => Promise<T>,
): Promise<T> => {
  const bodyFile = join(import.meta.dir, "..", "..", ".run", `bench-baseline-${port}.json`);
  await Bun.write(bodyFile, body);
  const server = Bun.spawn(["bun", join(import.meta.dir, "baseline-server.ts"), String(port), bodyFile], {
    stdout: "ignore",
    stderr: "inherit",
  });
  try {
    await Bun.sleep(500);
    return await fn(`http://127.0.0.1:${port}/`);
  } finally {
    server.kill();
  }
};
