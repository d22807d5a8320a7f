import type { ProviderName } from "../config.ts";

/**
 * One quote as the provider published it, before cleaning: KRW per quoted unit of `providerCode`.
 * The code is the provider's own spelling (`JPY(100)`, `CNH`); cleaning maps it and normalises the unit.
 */
export interface ProviderQuote {
  providerCode: string;
  krwPerQuotedUnit: number;
  /** Bank selling / buying rates (Eximbank only); null when the provider has none. */
  tts: number | null;
  ttb: number | null;
}

/** What one provider call returned: its quotes and the instant they describe. */
export interface ProviderSnapshot {
  provider: ProviderName;
  observedAt: Date;
  /** Empty when the provider published nothing for the moment asked (Eximbank on a non-business day). */
  quotes: ProviderQuote[];
}

export type ProviderFailure = "unreachable" | "timeout" | "http" | "malformed" | "provider-error";

/**
 * A provider call that gave no usable data. The run that meets it is recorded as failed and stores nothing.
 * @example throw new ProviderError("provider-error", "eximbank: daily request limit reached (result 4)")
 */
export class ProviderError extends Error {
  readonly failure: ProviderFailure;

  constructor(failure: ProviderFailure, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ProviderError";
    this.failure = failure;
  }
}

/** Parses a provider body as JSON; anything unparseable is a `malformed` ProviderError. */
export const parseProviderJson = (provider: string, body: string): unknown => {
  try {
    return JSON.parse(body);
  } catch (cause) {
    throw new ProviderError("malformed", `${provider}: response is not valid JSON`, { cause });
  }
};

/** Turns a zod issue list into one short line for the run record. */
export const describeIssues = (issues: readonly { path: readonly PropertyKey[]; message: string }[]) =>
  issues
    .slice(0, 3)
    .map((i) => `${i.path.map(String).join(".") || "(root)"}: ${i.message}`)
    .join("; ");
