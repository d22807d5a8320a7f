import { runLoad, withBaselineServer } from "./lib/load.ts";

const body = await (await fetch("http://127.0.0.1:18777/api/v1/currencies/latest")).text();
await withBaselineServer(18999, body, async (bare) => {
  for (let i = 0; i < 4; i++) {
    const s = await runLoad({
      url: "http://127.0.0.1:18777/api/v1/currencies/latest",
      connections: 64,
      duration: 5,
    });
    const b = await runLoad({ url: bare, connections: 64, duration: 5 });
    console.log("service", s.rps_mean, "bare", b.rps_mean, "ratio", (s.rps_mean / b.rps_mean).toFixed(3));
  }
});
