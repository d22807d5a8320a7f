/**
 * Benchmark 1 through the cluster: GET /api/v1/currencies/latest on the local stack (127.0.0.1:8001) and
 * on the release's currency-service NodePort (10.244.0.1:30001: kube-proxy, one pod with CPU limits, no
 * sidecar on the path since the route answers from memory), alternating: `rounds` × `seconds` at 64
 * connections each side, then `rounds` × `seconds` at a fixed 1,000 req/s (10 connections) each side.
 * Read-only.
 */
import { appUrl } from "../tests/cluster/support/cluster.ts";
import { alternatingReads } from "./lib/alternating-reads.ts";
import { type Comparison, compared } from "./lib/comparison.ts";
import { median, round } from "./lib/load.ts";
import { URLS } from "./lib/stack.ts";
import { LATEST_RATES_PATH } from "./rates-read.ts";

/**
 * `via: "gateway"` reads the same route through the web gateway instead (127.0.0.1:8080 and the web
 * NodePort): web → its daprd → currency-service's daprd (service invocation over mTLS) → the app.
 */
export const ratesReadThroughCluster = async ({
  rounds = 3,
  seconds = 10,
  via = "currency-service" as "currency-service" | "gateway",
} = {}): Promise<Comparison> => {
  const localBase = via === "gateway" ? "http://127.0.0.1:8080" : URLS.currency;
  const localUrl = `${localBase}${LATEST_RATES_PATH}`;
  const clusterUrl = `${appUrl(via === "gateway" ? "web" : "currency-service")}${LATEST_RATES_PATH}`;
  const body = async (url: string) => (await fetch(url)).text();
  const [localBody, clusterBody] = await Promise.all([body(localUrl), body(clusterUrl)]);
  const { a: local, b: cluster } = await alternatingReads(localUrl, clusterUrl, { rounds, seconds });
  const ratios = cluster.rps.map((rps, i) => round(rps / (local.rps[i] as number), 3));
  return {
    name: via === "gateway" ? "rates read through the web gateway (two sidecars, mTLS)" : "rates read",
    figures: [
      compared("req/s at 64 connections (median)", median(local.rps), median(cluster.rps), 0),
      { figure: "cluster/local per round", local: "—", cluster: ratios.join(" "), ratio: median(ratios) },
      compared("achieved req/s at fixed 1,000 (median)", median(local.fixedRps), median(cluster.fixedRps), 0),
      compared("p50 ms at 1,000 req/s (median)", median(local.fixedP50), median(cluster.fixedP50)),
      compared("p99 ms at 1,000 req/s (median)", median(local.fixedP99), median(cluster.fixedP99)),
      {
        figure: "p99 ms at 1,000 req/s (rounds)",
        local: local.fixedP99.join(" "),
        cluster: cluster.fixedP99.join(" "),
      },
      {
        figure: "non-2xx (all rounds)",
        local: local.non2xx + local.fixedNon2xx,
        cluster: cluster.non2xx + cluster.fixedNon2xx,
      },
      { figure: "errors + timeouts (all rounds)", local: local.errors, cluster: cluster.errors },
      { figure: "body bytes", local: localBody.length, cluster: clusterBody.length },
    ],
    notes: `${rounds} × ${seconds} s per side and load, alternating local then cluster; ratio = median of per-round ratios`,
  };
};
