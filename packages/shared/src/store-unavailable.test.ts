import { describe, expect, test } from "bun:test";
import { DaprError, SidecarUnavailableError } from "./dapr/errors.ts";
import type { SqlDatabase } from "./dapr/sql.ts";
import { AppError } from "./errors.ts";
import { guardedSqlDatabase, guardStore, storeUnavailable } from "./store-unavailable.ts";

const failingDatabase = (err: Error): SqlDatabase => ({
  query: () => Promise.reject(err),
  exec: () => Promise.reject(err),
});
const SIDECAR_FAILURES = [
  new SidecarUnavailableError("binding trip-db query", new Error("connect ECONNREFUSED 127.0.0.1:3504")),
  new DaprError("binding", 500, "dial tcp 127.0.0.1:3307: connect: connection refused"),
];

describe("storeUnavailable", () => {
  test("each store kind answers the contract's 503 code", () => {
    const cache = storeUnavailable("cache", "The rate cache is not reachable", {
      details: { cache: "down" },
    });
    expect([cache.code, cache.status, cache.details]).toEqual(["CACHE_UNAVAILABLE", 503, { cache: "down" }]);
    const database = storeUnavailable("database", "The database is not reachable");
    expect([database.code, database.status]).toEqual(["DATABASE_UNAVAILABLE", 503]);
  });
});

describe("guardStore and guardedSqlDatabase", () => {
  test("sidecar and store failures become 503 with the cause kept and no address in the message", async () => {
    for (const err of SIDECAR_FAILURES) {
      const caught = await guardStore("database", "The ranking store is not available", () =>
        Promise.reject(err),
      ).catch((e: unknown) => e);
      expect(caught).toBeInstanceOf(AppError);
      expect((caught as AppError).code).toBe("DATABASE_UNAVAILABLE");
      expect((caught as AppError).cause).toBe(err);
      const viaSql = await guardedSqlDatabase(
        failingDatabase(err),
        "The rate history database is not available",
      )
        .query("SELECT 1")
        .catch((e: unknown) => e);
      expect((viaSql as AppError).code).toBe("DATABASE_UNAVAILABLE");
      expect((viaSql as AppError).message).not.toContain("127.0.0.1");
    }
  });

  test("every other error passes unchanged, and results pass through", async () => {
    const bug = new TypeError("bug");
    await expect(guardedSqlDatabase(failingDatabase(bug), "db").exec("SELECT 1")).rejects.toBe(bug);
    const domain = new AppError("NOT_FOUND", "No such day");
    await expect(guardStore("cache", "cache", () => Promise.reject(domain))).rejects.toBe(domain);
    expect(await guardStore("cache", "cache", async () => 42)).toBe(42);
  });
});
