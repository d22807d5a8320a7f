import { z } from "zod";
import {
  describeIssues,
  ProviderError,
  type ProviderSnapshot,
  parseProviderJson,
} from "../provider-snapshot.ts";
import { providerNumber } from "./provider-number.ts";

/** ExchangeRate-API open access: the latest rates against KRW. */
export const EXCHANGERATE_API_LATEST_PATH = "/v6/latest/KRW";

const successSchema = z.object({
  result: z.literal("success"),
  base_code: z.literal("KRW"),
  time_last_update_unix: z.number().int().positive(),
  // Values are checked one by one by cleaning; a single bad value must not discard the snapshot.
  rates: z.record(z.string(), z.unknown()),
});
const errorSchema = z.object({ result: z.literal("error"), "error-type": z.string().optional() });

/**
 * Parses `/v6/latest/KRW`: `rates` are units of each currency per 1 KRW, so KRW per unit is 1 / rate.
 * The snapshot's instant is `time_last_update_unix`.
 */
export const parseExchangeRateApiLatest = (body: string): ProviderSnapshot => {
  const json = parseProviderJson("exchangerate-api", body);
  const failed = errorSchema.safeParse(json);
  if (failed.success) {
    const type = failed.data["error-type"] ?? "unknown";
    throw new ProviderError("provider-error", `exchangerate-api: error result (${type})`);
  }
  const parsed = successSchema.safeParse(json);
  if (!parsed.success) {
    throw new ProviderError(
      "malformed",
      `exchangerate-api: unexpected response (${describeIssues(parsed.error.issues)})`,
    );
  }
  const { rates, time_last_update_unix } = parsed.data;
  return {
    provider: "exchangerate-api",
    observedAt: new Date(time_last_update_unix * 1000),
    quotes: Object.entries(rates).map(([code, value]) => ({
      providerCode: code,
      krwPerQuotedUnit: 1 / providerNumber(value),
      tts: null,
      ttb: null,
    })),
  };
};
