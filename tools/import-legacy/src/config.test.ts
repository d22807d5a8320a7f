import { describe, expect, test } from "bun:test";
import { loadConfig } from "./config.ts";

describe("the import's command line", () => {
  test("defaults: KST, the trip-db binding, batches of 400, the default sidecar port", () => {
    expect(loadConfig(["--dump", "old.sql"], {})).toMatchObject({
      dump: "old.sql",
      zone: "Asia/Seoul",
      binding: "trip-db",
      "batch-size": 400,
      "dry-run": false,
      DAPR_HTTP_PORT: 3500,
    });
  });

  test("a missing dump or an unknown zone is refused with the usage", () => {
    expect(() => loadConfig([], {})).toThrow(/usage:/);
    expect(() => loadConfig(["--dump", "x", "--zone", "Mars/Base"], {})).toThrow(/not a time zone/);
  });
});
