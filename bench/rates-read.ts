/**
 * 1. Current rates read: GET /api/v1/currencies/latest (all currencies) at 64 connections for 10 s,
 * beside a bare Bun+Hono route serving the same body from memory, in the same run (5 alternating
 * rounds, median ratio), then p99 at a fixed 1,000 req/s (10 connections), the bare route's beside it.
 */
import { alternatingReads } from "./lib/alternating-reads.ts";
import { median, round, withBaselineServer } from "./lib/load.ts";
import type { BenchResult } from "./lib/result.ts";
import { URLS } from "./lib/stack.ts";

const BASELINE_PORT = 18999;

/** The route benchmark 1 reads (the hot route: no query string). */
export const LATEST_RATES_PATH = "/api/v1/currencies/latest";

export const ratesRead = async ({ rounds = 5, seconds = 10 } = {}): Promise<BenchResult> => {
  const latestUrl = `${URLS.currency}${LATEST_RATES_PATH}`;
  const body = await (await fetch(latestUrl)).text();
  return withBaselineServer(BASELINE_PORT, body, async (bareUrl) => {
    // The tail on these shared cores moves a lot between runs: alternate with the bare route, take medians.
    const { a: service, b: bare } = await alternatingReads(latestUrl, bareUrl, { rounds, seconds });
    const ratios = service.rps.map((rps, i) => rps / (bare.rps[i] as number));
    const ratio = median(ratios);
    return {
      name: "rates read",
      target: "throughput ≥ 0.8 × bare route; p99 ≤ 10 ms at 1,000 req/s",
      met: ratio >= 0.8 && median(service.fixedP99) <= 10 && service.fixedNon2xx === 0,
      figures: {
        service_rps_median: round(median(service.rps), 0),
        bare_rps_median: round(median(bare.rps), 0),
        throughput_ratio: round(ratio, 3),
        throughput_ratios: ratios.map((r) => round(r, 3)).join(" "),
        p99_ms_at_1000rps_median: median(service.fixedP99),
        p99_ms_at_1000rps: service.fixedP99.join(" "),
        p50_ms_at_1000rps_median: median(service.fixedP50),
        bare_p99_ms_at_1000rps_median: median(bare.fixedP99),
        non2xx_at_1000rps: service.fixedNon2xx,
        body_bytes: body.length,
      },
    };
  });
};
