/**
 * 1. Current rates read: GET /api/v1/currencies/latest (all currencies) at 64 connections for 10 s,
 * beside a bare Bun+Hono route serving the same body from memory, in the same run (3 alternating
 * rounds, median ratio), then p99 at a fixed 1,000 req/s.
 */
import { median, round, runLoad, withBaselineServer } from "./lib/load.ts";
import type { BenchResult } from "./lib/result.ts";
import { URLS } from "./lib/stack.ts";

const BASELINE_PORT = 18999;

export const ratesRead = async ({ rounds = 3, seconds = 10 } = {}): Promise<BenchResult> => {
  const latestUrl = `${URLS.currency}/api/v1/currencies/latest`;
  const body = await (await fetch(latestUrl)).text();
  return withBaselineServer(BASELINE_PORT, body, async (bareUrl) => {
    const ratios: number[] = [];
    const serviceRps: number[] = [];
    const baselineRps: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const service = await runLoad({ url: latestUrl, connections: 64, duration: seconds });
      const bare = await runLoad({
        url: bareUrl,
        connections: 64,
        duration: seconds,
      });
      serviceRps.push(service.rps_mean);
      baselineRps.push(bare.rps_mean);
      ratios.push(service.rps_mean / bare.rps_mean);
    }
    const fixed = await runLoad({ url: latestUrl, connections: 32, duration: seconds, overallRate: 1000 });
    const ratio = median(ratios);
    return {
      name: "rates read",
      target: "throughput ≥ 0.8 × bare route; p99 ≤ 10 ms at 1,000 req/s",
      met: ratio >= 0.8 && fixed.latency_ms.p99 <= 10 && fixed.non2xx === 0,
      figures: {
        service_rps_median: round(median(serviceRps), 0),
        bare_rps_median: round(median(baselineRps), 0),
        throughput_ratio: round(ratio, 3),
        p99_ms_at_1000rps: fixed.latency_ms.p99,
        p50_ms_at_1000rps: fixed.latency_ms.p50,
        non2xx_at_1000rps: fixed.non2xx,
        body_bytes: body.length,
      },
    };
  });
};
