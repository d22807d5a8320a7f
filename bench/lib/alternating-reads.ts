/**
 * The read benchmark's measurement, for any two URLs serving the same body: `rounds` of `seconds` at
 * `connections` alternating between them (A then B in each round, so a disturbance of the shared cores
 * falls on both), then `rounds` at a fixed `fixedRate` req/s from `fixedConnections`, alternating the same
 * way. Benchmark 1 compares the service with a bare route; bench/cluster.ts the local stack with the cluster.
 */
import { runLoad } from "./load.ts";

export interface ReadSide {
  /** Mean req/s of each throughput round. */
  rps: number[];
  /** Achieved req/s, p50 and p99 (ms) of each fixed-rate round. */
  fixedRps: number[];
  fixedP50: number[];
  fixedP99: number[];
  /** Requests answered with another status than 2xx: throughput rounds, fixed-rate rounds. */
  non2xx: number;
  fixedNon2xx: number;
  /** Connection errors and timeouts over every round of this side. */
  errors: number;
}

export interface AlternatingReadsOptions {
  rounds: number;
  seconds: number;
  connections?: number;
  fixedRate?: number;
  fixedConnections?: number;
}

const emptySide = (): ReadSide => ({
  rps: [],
  fixedRps: [],
  fixedP50: [],
  fixedP99: [],
  non2xx: 0,
  fixedNon2xx: 0,
  errors: 0,
});

export const alternatingReads = async (
  urlA: string,
  urlB: string,
  { rounds, seconds, connections = 64, fixedRate = 1000, fixedConnections = 10 }: AlternatingReadsOptions,
): Promise<{ a: ReadSide; b: ReadSide }> => {
  const a = emptySide();
  const b = emptySide();
  for (let i = 0; i < rounds; i++) {
    for (const [side, url] of [
      [a, urlA],
      [b, urlB],
    ] as const) {
      const load = await runLoad({ url, connections, duration: seconds });
      side.rps.push(load.rps_mean);
      side.non2xx += load.non2xx;
      side.errors += load.errors + load.timeouts;
    }
  }
  // A fixed rate from few connections: with many more, autocannon's per-connection pacing sends in
  // bursts, and even a bare route's p99 is then ~10 ms on this machine.
  for (let i = 0; i < rounds; i++) {
    for (const [side, url] of [
      [a, urlA],
      [b, urlB],
    ] as const) {
      const load = await runLoad({
        url,
        connections: fixedConnections,
        duration: seconds,
        overallRate: fixedRate,
      });
      side.fixedRps.push(load.requests_total / load.duration_s);
      side.fixedP50.push(load.latency_ms.p50);
      side.fixedP99.push(load.latency_ms.p99);
      side.fixedNon2xx += load.non2xx;
      side.errors += load.errors + load.timeouts;
    }
  }
  return { a, b };
};
