/**
 * 6. Sidecar overhead: the same state read through the sidecar (GET /v1.0/state/cache/rate:USD) vs a
 * bare route serving the same body, both at a fixed 1,000 req/s; reports the p90/p99 difference.
 */
import { round, runLoad, withBaselineServer } from "./lib/load.ts";
import type { BenchResult } from "./lib/result.ts";
import { secrets, URLS } from "./lib/stack.ts";

const BASELINE_PORT = 18998;

export const sidecarOverhead = async ({ seconds = 10 } = {}): Promise<BenchResult> => {
  const token = secrets()["dapr-api-token"] ?? "";
  const url = `${URLS.currencySidecar}/v1.0/state/cache/rate:USD`;
  const res = await fetch(url, { headers: { "dapr-api-token": token } });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`state read through the sidecar answered ${res.status}`);
  return withBaselineServer(BASELINE_PORT, body, async (bareUrl) => {
    const viaSidecar = await runLoad({
      url,
      connections: 16,
      duration: seconds,
      overallRate: 1000,
      headers: { "dapr-api-token": token },
    });
    const bare = await runLoad({
      url: bareUrl,
      connections: 16,
      duration: seconds,
      overallRate: 1000,
    });
    return {
      name: "sidecar overhead",
      target: "report only (published Dapr figure: about +1 ms at p90 for a state read at 1,000 rps)",
      met: null,
      figures: {
        sidecar_p90_ms: viaSidecar.latency_ms.p90,
        bare_p90_ms: bare.latency_ms.p90,
        added_p90_ms: round(viaSidecar.latency_ms.p90 - bare.latency_ms.p90),
        sidecar_p99_ms: viaSidecar.latency_ms.p99,
        bare_p99_ms: bare.latency_ms.p99,
        sidecar_non2xx: viaSidecar.non2xx,
      },
    };
  });
};
