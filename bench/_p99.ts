import { runLoad, withBaselineServer } from "./lib/load.ts";

const latestUrl = "http://127.0.0.1:8001/api/v1/currencies/latest";
const body = await (await fetch(latestUrl)).text();
await withBaselineServer(18999, body, async (bare) => {
  for (const conns of [10, 10, 10]) {
    for (const [name, url] of [
      ["service", latestUrl],
      ["bare", bare],
    ] as const) {
      const r = await runLoad({ url, connections: conns, duration: 10, overallRate: 1000 });
      console.log(conns, name, JSON.stringify(r.latency_ms));
    }
  }
});
