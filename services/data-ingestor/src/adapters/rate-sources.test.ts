import { describe, expect, test } from "bun:test";
import { manualClock } from "@trip/shared";
import { ProviderError } from "../domain/provider-snapshot.ts";
import { sampleBody } from "../testing/provider-samples.ts";
import { frankfurterSeriesSource, latestRatesSource, seriesSegments } from "./rate-sources.ts";

const clock = manualClock("2026-11-27T03:00:00Z");
const recordingFetch = (body: string) => {
  const paths: string[] = [];
  return {
    paths,
    fetch: async (path: string) => {
      paths.push(path);
      return body;
    },
  };
};
const noKey = async () => undefined;

describe("latestRatesSource picks the adapter the configuration names", () => {
  test("exchangerate-api asks /v6/latest/KRW", async () => {
    const { fetch, paths } = recordingFetch(sampleBody("exchangeRateApiLatest"));
    const snapshot = await latestRatesSource({
      provider: "exchangerate-api",
      fetch,
      apiKey: noKey,
      clock,
    }).latest();
    expect(paths).toEqual(["/v6/latest/KRW"]);
    expect(snapshot.quotes.length).toBe(54);
  });

  test("frankfurter asks /v1/latest against KRW", async () => {
    const { fetch, paths } = recordingFetch(sampleBody("frankfurterLatest"));
    const snapshot = await latestRatesSource({
      provider: "frankfurter",
      fetch,
      apiKey: noKey,
      clock,
    }).latest();
    expect(paths).toEqual(["/v1/latest?base=KRW"]);
    expect(snapshot.provider).toBe("frankfurter");
  });

  test("eximbank asks AP01 for today's KST date with the key from the secret store", async () => {
    const { fetch, paths } = recordingFetch(sampleBody("eximbankBusinessDay"));
    const source = latestRatesSource({ provider: "eximbank", fetch, apiKey: async () => "the-key", clock });
    const snapshot = await source.latest();
    expect(paths).toEqual([
      "/site/program/financial/exchangeJSON?authkey=the-key&searchdate=20261127&data=AP01",
    ]);
    expect(snapshot.observedAt.toISOString()).toBe("2026-11-27T02:00:00.000Z");
  });

  test("eximbank without a readable key fails before calling the provider", async () => {
    const { fetch, paths } = recordingFetch("[]");
    const source = latestRatesSource({ provider: "eximbank", fetch, apiKey: noKey, clock });
    await expect(source.latest()).rejects.toBeInstanceOf(ProviderError);
    expect(paths).toEqual([]);
  });
});

describe("frankfurterSeriesSource", () => {
  test("a long range is fetched a year at a time, and the days come back in order", async () => {
    const paths: string[] = [];
    const fetch = async (path: string) => {
      paths.push(path);
      const [from] = /\d{4}-\d{2}-\d{2}/.exec(path) ?? [];
      return JSON.stringify({ amount: 1, base: "KRW", rates: { [from as string]: { USD: 0.0007 } } });
    };
    const days = await frankfurterSeriesSource(fetch).dailySeries("2024-01-01", "2026-01-01");
    expect(paths).toEqual(["/v1/2024-01-01..2024-12-31?base=KRW", "/v1/2025-01-01..2026-01-01?base=KRW"]);
    expect(days.map((d) => d.observedAt.toISOString())).toEqual([
      "2024-01-01T14:59:59.999Z",
      "2025-01-01T14:59:59.999Z",
    ]);
  });

  test("segments cover the range exactly, without gaps or overlaps", () => {
    const segments = seriesSegments("2025-11-27", "2026-11-26", 100);
    expect(segments[0]).toEqual({ from: "2025-11-27", to: "2026-03-06" });
    expect(segments[1]?.from).toBe("2026-03-07");
    expect(segments.at(-1)?.to).toBe("2026-11-26");
    expect(segments).toHaveLength(4);
  });
});
