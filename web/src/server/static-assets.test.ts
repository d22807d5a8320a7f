import { describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { loadStaticAssets } from "./static-assets.ts";
import { buildTestApp } from "./test-app.ts";

const noApi = () => new Response(null, { status: 500 });

describe("serving the UI", () => {
  test("client routes get index.html with a content security policy", async () => {
    const { app } = buildTestApp(noApi);
    for (const path of ["/", "/destinations/JP", "/compare"]) {
      const res = await app.request(path);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/html");
      expect(res.headers.get("cache-control")).toBe("no-cache");
      expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
      expect(await res.text()).toContain("id=root");
    }
  });

  test("hashed assets are cached for a year", async () => {
    const { app } = buildTestApp(noApi);
    const res = await app.request("/assets/index-abc.js");
    expect(res.headers.get("content-type")).toContain("text/javascript");
    expect(res.headers.get("cache-control")).toContain("immutable");
  });

  test("a missing file is a 404, not the UI", async () => {
    const { app } = buildTestApp(noApi);
    expect((await app.request("/assets/missing.js")).status).toBe(404);
  });

  test("sidecar probes and ops routes are not swallowed by the SPA fallback", async () => {
    const { app } = buildTestApp(noApi);
    const fromSidecar = { headers: { "dapr-api-token": "app-token" } };
    expect(await (await app.request("/dapr/subscribe", fromSidecar)).json()).toEqual([]);
    const config = await app.request("/dapr/config", fromSidecar);
    expect(config.status).toBe(404);
    expect(config.headers.get("content-type")).toContain("application/json");
    expect(await (await app.request("/health")).json()).toMatchObject({ data: { service: "web" } });
  });
});

describe("loading the build", () => {
  test("fails naming the build command when dist is missing", () => {
    const empty = mkdtempSync(join(tmpdir(), "web-dist-"));
    expect(() => loadStaticAssets(empty)).toThrow(/bun run --cwd web build/);
  });

  test("loads every file, gzips text and marks hashed assets immutable", () => {
    const dist = mkdtempSync(join(tmpdir(), "web-dist-"));
    mkdirSync(join(dist, "assets"));
    const script = "export const answer = 42;\n".repeat(50);
    writeFileSync(join(dist, "index.html"), "<!doctype html>");
    writeFileSync(join(dist, "assets", "app-1a2b.js"), script);
    const assets = loadStaticAssets(dist);
    const js = assets.get("/assets/app-1a2b.js");
    expect(js?.immutable).toBe(true);
    expect(assets.get("/index.html")?.immutable).toBe(false);
    expect(js?.gzipped && new TextDecoder().decode(gunzipSync(js.gzipped))).toBe(script);
  });
});
