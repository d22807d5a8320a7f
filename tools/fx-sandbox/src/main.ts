import { readFile } from "node:fs/promises";
import { createApp } from "./app.ts";
import { loadConfig } from "./config.ts";
import { parseReferenceRates } from "./domain/reference-rates.ts";
import { shiftedClock } from "./domain/shifted-clock.ts";

const config = loadConfig(process.env);
const reference = parseReferenceRates(await readFile(config.FX_REFERENCE_CSV, "utf8"));
const clock = shiftedClock({ now: () => new Date() });
const app = createApp({
  clock,
  advanceClock: clock.advance,
  seed: config.FX_SEED,
  reference,
  ...(config.FX_API_KEY === undefined ? {} : { apiKey: config.FX_API_KEY }),
  control: { mode: config.FX_MODE, slowMs: config.FX_SLOW_MS },
});

console.log(
  JSON.stringify({
    level: "info",
    service: "fx-sandbox",
    msg: "listening",
    host: config.HOST,
    port: config.PORT,
    reference_date: reference.date,
    currencies: Object.keys(reference.krwPerUnit).length,
    mode: config.FX_MODE,
  }),
);

/** Bun serves the default export; idleTimeout leaves room for `slow` answers up to 120 s. */
export default {
  port: config.PORT,
  hostname: config.HOST,
  idleTimeout: 255,
  development: false,
  fetch: app.fetch,
};
