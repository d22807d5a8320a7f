/**
 * A steady stream of requests against the cluster while a day-2 operation runs (tests/cluster/day2.test.ts).
 * It runs as its own process, so kubectl and helm calls of the test (spawnSync) never pause it:
 *
 *   bun tests/cluster/support/steady-load.ts '<json: {targets: [{name, url}], perSecond}>'
 *
 * Each target gets `perSecond` GETs a second, evenly spaced, each with its own 10 s deadline. SIGTERM ends
 * it: it waits for the requests in flight and prints one JSON line: per target the requests sent, the
 * failures (a network error, a timeout or any status but 2xx) with the first few described, and the p99.
 * `startSteadyLoad` below is the test's side.
 */
import type { Subprocess } from "bun";

export interface LoadTarget {
  name: string;
  url: string;
}

export interface TargetTally {
  requests: number;
  failures: number;
  /** The first failures: when (ms since the start), and what. */
  firstFailures: string[];
  p99Ms: number;
}

export interface LoadReport {
  seconds: number;
  targets: Record<string, TargetTally>;
}

const REQUEST_TIMEOUT_MS = 10_000;
const FAILURES_SHOWN = 5;

const percentile = (values: number[], p: number): number => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
};

const runLoad = async (targets: LoadTarget[], perSecond: number): Promise<void> => {
  const started = performance.now();
  const tallies = new Map(
    targets.map((t) => [t.name, { failures: [] as string[], latencies: [] as number[] }]),
  );
  const inFlight = new Set<Promise<void>>();
  let stopping = false;
  process.once("SIGTERM", () => {
    stopping = true;
  });

  const hit = async (target: LoadTarget) => {
    const tally = tallies.get(target.name);
    if (!tally) return;
    const sent = performance.now();
    try {
      const res = await fetch(target.url, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      const body = await res.text();
      if (!res.ok) {
        tally.failures.push(`${Math.round(sent - started)} ms: HTTP ${res.status} ${body.slice(0, 160)}`);
      }
    } catch (err) {
      tally.failures.push(
        `${Math.round(sent - started)} ms: ${(err as Error).name}: ${(err as Error).message}`,
      );
    }
    tally.latencies.push(performance.now() - sent);
  };

  const intervalMs = 1000 / perSecond;
  for (let tick = 0; !stopping; tick++) {
    for (const target of targets) {
      const request = hit(target).finally(() => inFlight.delete(request));
      inFlight.add(request);
    }
    // Evenly spaced from the start, so a slow moment is not followed by a burst.
    const next = started + (tick + 1) * intervalMs;
    await Bun.sleep(Math.max(0, next - performance.now()));
  }
  await Promise.all(inFlight);
  const report: LoadReport = {
    seconds: Math.round((performance.now() - started) / 100) / 10,
    targets: Object.fromEntries(
      [...tallies].map(([name, { failures, latencies }]) => [
        name,
        {
          requests: latencies.length,
          failures: failures.length,
          firstFailures: failures.slice(0, FAILURES_SHOWN),
          p99Ms: Math.round(percentile(latencies, 99)),
        },
      ]),
    ),
  };
  console.log(JSON.stringify(report));
};

/** A running load; `stop()` ends it and returns its report. */
export interface SteadyLoad {
  stop: () => Promise<LoadReport>;
}

export const startSteadyLoad = (targets: LoadTarget[], perSecond: number): SteadyLoad => {
  const proc: Subprocess<"ignore", "pipe", "inherit"> = Bun.spawn(
    [process.execPath, import.meta.path, JSON.stringify({ targets, perSecond })],
    { stdin: "ignore", stdout: "pipe", stderr: "inherit" },
  );
  return {
    stop: async () => {
      proc.kill("SIGTERM");
      const [out, code] = await Promise.all([new Response(proc.stdout).text(), proc.exited]);
      if (code !== 0) throw new Error(`the load generator exited with ${code}: ${out}`);
      return JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as LoadReport;
    },
  };
};

/** Requests and failures of a report, summed over its targets. */
export const loadTotals = (report: LoadReport): { requests: number; failures: number } =>
  Object.values(report.targets).reduce(
    (sum, t) => ({ requests: sum.requests + t.requests, failures: sum.failures + t.failures }),
    { requests: 0, failures: 0 },
  );

if (import.meta.main) {
  const { targets, perSecond } = JSON.parse(process.argv[2] ?? "{}") as {
    targets: LoadTarget[];
    perSecond: number;
  };
  await runLoad(targets, perSecond);
}
