import { APP_IDS, createServiceRuntime } from "@trip/shared";
import { getConnInfo } from "hono/bun";
import { createWebApp } from "./app.ts";
import { loadWebConfig } from "./config.ts";
import { loadStaticAssets } from "./static-assets.ts";

const { config, log, sidecar, metrics, clock } = createServiceRuntime(APP_IDS.web, loadWebConfig());
const assets = loadStaticAssets(config.DIST_DIR);

const app = createWebApp({
  version: config.SERVICE_VERSION,
  appToken: config.APP_API_TOKEN,
  log,
  clock,
  metrics,
  checks: [{ name: "sidecar", required: true, check: () => sidecar.healthy() }],
  assets,
  invoke: (appId, path, init) => sidecar.invoke(appId, path, init),
  clientAddress: (c) => getConnInfo(c).remote.address,
  trustForwardedFor: config.TRUST_FORWARDED_FOR,
});

log.info("listening", { port: config.PORT, dist: config.DIST_DIR, assets: assets.size });

export default { port: config.PORT, hostname: config.HOST, fetch: app.fetch };
