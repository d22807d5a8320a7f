import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { createApp, type SandboxOptions } from "../app.ts";
import { DEFAULT_REFERENCE_CSV } from "../config.ts";
import { parseReferenceRates, type ReferenceRates } from "../domain/reference-rates.ts";

/** The currencies the product contract requires (CONTRACT.md §3). */
export const CONTRACT_CURRENCIES = [
  ..."USD JPY EUR CNY GBP AUD CAD CHF HKD SGD THB VND TWD PHP IDR MYR NZD AED INR".split(" "),
  ..."MXN TRY CZK SEK NOK DKK HUF PLN BRL ZAR".split(" "),
];

export const referenceRates: ReferenceRates = parseReferenceRates(
  readFileSync(DEFAULT_REFERENCE_CSV, "utf8"),
);

const SAMPLES_DIR = resolve(dirname(DEFAULT_REFERENCE_CSV), "provider-samples");

/** A recorded provider payload from `shared/data/provider-samples/`. */
export const readSample = (fileName: string): unknown =>
  JSON.parse(readFileSync(resolve(SAMPLES_DIR, fileName), "utf8"));

/** A sandbox whose clock is frozen at `now`, with the shared reference rates. */
export const buildSandbox = (now: string, options: Partial<SandboxOptions> = {}) =>
  createApp({
    clock: { now: () => new Date(now) },
    seed: "test-seed",
    reference: referenceRates,
    ...options,
  });

export const EXIMBANK_PATH = "/site/program/financial/exchangeJSON";

/** Key → JSON type of each entry ("null", "array", "number", ...), in key order. */
export const typeSignature = (value: unknown): [string, string][] =>
  Object.entries(value as Record<string, unknown>).map(([key, entry]) => [
    key,
    entry === null ? "null" : Array.isArray(entry) ? "array" : typeof entry,
  ]);
