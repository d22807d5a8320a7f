import { describe, expect, test } from "bun:test";
import { destinationPath, matchRoute } from "./routes.ts";

describe("matchRoute", () => {
  test("knows the three pages", () => {
    expect(matchRoute("/")).toEqual({ name: "home" });
    expect(matchRoute("/compare/")).toEqual({ name: "compare" });
    expect(matchRoute("/destinations/jp")).toEqual({ name: "destination", country: "JP" });
  });

  test("anything else is not found", () => {
    expect(matchRoute("/destinations/japan").name).toBe("not-found");
    expect(matchRoute("/admin").name).toBe("not-found");
  });

  test("destination paths round-trip", () => {
    expect(matchRoute(destinationPath("TH"))).toEqual({ name: "destination", country: "TH" });
  });
});
