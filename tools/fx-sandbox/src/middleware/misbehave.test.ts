import { describe, expect, test } from "bun:test";
import type { Misbehaviour } from "../domain/misbehaviour.ts";
import { buildSandbox, EXIMBANK_PATH } from "../testing/sandbox-fixture.ts";

const NOW = "2026-11-27T03:00:00Z";
const PROVIDERS = {
  exchangerate: "/v6/latest/KRW",
  eximbank: `${EXIMBANK_PATH}?authkey=k&data=AP01`,
  frankfurter: "/v1/2026-11-01..2026-11-10?base=KRW",
} as const;

const withMode = (path: string, mode: Misbehaviour) =>
  `${path}${path.includes("?") ? "&" : "?"}__mode=${mode}`;

describe.each(Object.entries(PROVIDERS))("misbehaviour of %s", (provider, path) => {
  test("http500 answers HTTP 500", async () => {
    const res = await buildSandbox(NOW).request(withMode(path, "http500"));
    expect(res.status).toBe(500);
  });

  test("garbage answers 200 with a body that is not JSON", async () => {
    const res = await buildSandbox(NOW).request(withMode(path, "garbage"));
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.length).toBeGreaterThan(0);
    expect(() => JSON.parse(text)).toThrow();
  });

  test("error answers the provider's own error result", async () => {
    const res = await buildSandbox(NOW).request(withMode(path, "error"));
    const body = await res.json();
    if (provider === "exchangerate") expect(body).toEqual({ result: "error", "error-type": "invalid-key" });
    if (provider === "eximbank")
      expect(body).toEqual([expect.objectContaining({ result: 4, cur_unit: null })]);
    if (provider === "frankfurter") expect([res.status, body]).toEqual([404, { message: "not found" }]);
  });

  test("empty answers a well-formed body without data", async () => {
    const res = await buildSandbox(NOW).request(withMode(path, "empty"));
    expect(res.status).toBe(200);
    const body = await res.json();
    if (provider === "eximbank") expect(body).toEqual([]);
    else expect(body).toMatchObject({ rates: {} });
  });

  test("slow waits slowMs before the normal answer", async () => {
    const waits: number[] = [];
    const app = buildSandbox(NOW, { sleep: async (ms) => void waits.push(ms) });
    const res = await app.request(`${withMode(path, "slow")}&__slowMs=1500`);
    expect(res.status).toBe(200);
    expect(waits).toEqual([1500]);
  });
});

describe("the misbehaviour switch", () => {
  test("POST /__control applies to every later provider request until switched back", async () => {
    const app = buildSandbox(NOW);
    const set = await app.request("/__control", {
      method: "POST",
      body: JSON.stringify({ mode: "http500" }),
    });
    expect(await set.json()).toEqual({ mode: "http500", slowMs: 5000 });
    expect((await app.request(PROVIDERS.exchangerate)).status).toBe(500);
    expect(await (await app.request("/__control")).json()).toEqual({ mode: "http500", slowMs: 5000 });
    expect((await app.request("/health")).status).toBe(200);
    await app.request("/__control", { method: "POST", body: JSON.stringify({ mode: "normal" }) });
    expect((await app.request(PROVIDERS.exchangerate)).status).toBe(200);
  });

  test("slow really delays the answer", async () => {
    const app = buildSandbox(NOW, { control: { mode: "slow", slowMs: 60 } });
    const started = performance.now();
    const res = await app.request(PROVIDERS.eximbank);
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });

  test("a per-request ?__mode=normal overrides the switch", async () => {
    const app = buildSandbox(NOW, { control: { mode: "error" } });
    expect(await (await app.request(withMode(PROVIDERS.exchangerate, "normal"))).json()).toMatchObject({
      result: "success",
    });
  });

  test("unknown modes are refused", async () => {
    const app = buildSandbox(NOW);
    const post = await app.request("/__control", { method: "POST", body: JSON.stringify({ mode: "chaos" }) });
    expect(post.status).toBe(400);
    expect((await app.request("/__control", { method: "POST", body: "not json" })).status).toBe(400);
    expect((await app.request(`${PROVIDERS.exchangerate}?__mode=chaos`)).status).toBe(400);
    expect(await (await app.request("/__control")).json()).toEqual({ mode: "normal", slowMs: 5000 });
  });
});
