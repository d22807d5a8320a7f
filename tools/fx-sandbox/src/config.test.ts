import { describe, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { DEFAULT_REFERENCE_CSV, loadConfig } from "./config.ts";

describe("sandbox configuration", () => {
  test("defaults: loopback port 8090, normal mode, the shared Big Mac CSV", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ HOST: "127.0.0.1", PORT: 8090, FX_MODE: "normal", FX_SLOW_MS: 5000 });
    expect(config.FX_REFERENCE_CSV).toBe(DEFAULT_REFERENCE_CSV);
    expect(DEFAULT_REFERENCE_CSV.endsWith("/shared/data/big-mac-index.csv")).toBe(true);
    expect(existsSync(DEFAULT_REFERENCE_CSV)).toBe(true);
  });

  test("reads the environment and treats empty values as unset", () => {
    const config = loadConfig({
      HOST: "10.244.0.1",
      PORT: "9999",
      FX_SEED: "abc",
      FX_MODE: "garbage",
      FX_API_KEY: "",
    });
    expect(config).toMatchObject({ HOST: "10.244.0.1", PORT: 9999, FX_SEED: "abc", FX_MODE: "garbage" });
    expect(config.FX_API_KEY).toBeUndefined();
  });

  test("refuses an unknown mode", () => {
    expect(() => loadConfig({ FX_MODE: "chaos" })).toThrow();
  });
});
