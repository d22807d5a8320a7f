import { describe, expect, test } from "bun:test";
import { buildSandbox } from "../testing/sandbox-fixture.ts";

type LatestBody = {
  result: string;
  base_code: string;
  rates: Record<string, number>;
  time_last_update_unix: number;
  time_next_update_unix: number;
  time_last_update_utc: string;
};

const latest = async (path: string, now = "2026-11-27T03:00:30Z") => {
  const res = await buildSandbox(now).request(path);
  return { status: res.status, body: (await res.json()) as LatestBody };
};

describe("ExchangeRate-API GET /v6/latest/{base}", () => {
  test("quotes every known currency per 1 KRW, KRW itself at 1", async () => {
    const { status, body } = await latest("/v6/latest/KRW");
    expect(status).toBe(200);
    expect(body.result).toBe("success");
    expect(body.base_code).toBe("KRW");
    expect(body.rates.KRW).toBe(1);
    expect(1 / (body.rates.USD ?? 0)).toBeGreaterThan(1000);
    expect(1 / (body.rates.USD ?? 0)).toBeLessThan(2000);
    expect(Object.keys(body.rates).length).toBe(54);
  });

  test("a new update appears every 2-minute step", async () => {
    const first = await latest("/v6/latest/KRW?at=2026-11-27T03:00:10Z");
    const sameStep = await latest("/v6/latest/KRW?at=2026-11-27T03:01:50Z");
    const nextStep = await latest("/v6/latest/KRW?at=2026-11-27T03:02:00Z");
    expect(first.body.time_last_update_unix).toBe(Date.parse("2026-11-27T03:00:00Z") / 1000);
    expect(first.body.time_next_update_unix).toBe(first.body.time_last_update_unix + 120);
    expect(first.body.time_last_update_utc).toBe("Fri, 27 Nov 2026 03:00:00 +0000");
    expect(sameStep.body).toEqual(first.body);
    expect(nextStep.body.time_last_update_unix).toBe(first.body.time_last_update_unix + 120);
    expect(nextStep.body.rates.USD).not.toBe(first.body.rates.USD);
  });

  test("any known base works and is consistent with the KRW quotes", async () => {
    const usd = await latest("/v6/latest/usd");
    const krw = await latest("/v6/latest/KRW");
    expect(usd.body.base_code).toBe("USD");
    expect(usd.body.rates.USD).toBe(1);
    expect(usd.body.rates.KRW ?? 0).toBeCloseTo(1 / (krw.body.rates.USD ?? 1), 2);
  });

  test("an unknown base answers the provider's unsupported-code error", async () => {
    const res = await buildSandbox("2026-11-27T03:00:00Z").request("/v6/latest/XYZ");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ result: "error", "error-type": "unsupported-code" });
  });

  test("a malformed ?at= is refused by the sandbox itself", async () => {
    const res = await buildSandbox("2026-11-27T03:00:00Z").request("/v6/latest/KRW?at=yesterday");
    expect(res.status).toBe(400);
    expect(await res.json()).toHaveProperty("sandbox_error");
  });
});
