import { readFileSync } from "node:fs";
import { join } from "node:path";

const SAMPLES_DIR = join(import.meta.dir, "provider-samples");

/** The recorded-format provider payloads (see provider-samples/README.md). */
export const SAMPLE_FILES = {
  eximbankBusinessDay: "koreaexim-ap01-business-day.json",
  eximbankNonBusinessDay: "koreaexim-ap01-non-business-day.json",
  eximbankAuthError: "koreaexim-ap01-auth-error.json",
  exchangeRateApiLatest: "exchangerate-api-v6-latest-KRW.json",
  exchangeRateApiError: "exchangerate-api-v6-error.json",
  frankfurterLatest: "frankfurter-v1-latest-KRW.json",
} as const;

export const sampleBody = (name: keyof typeof SAMPLE_FILES): string =>
  readFileSync(join(SAMPLES_DIR, SAMPLE_FILES[name]), "utf8");

/** A body cut in half: what the sandbox's `garbage` mode and a dropped connection look like. */
export const truncated = (body: string): string => body.slice(0, Math.floor(body.length / 2));
