import { expect, test } from "bun:test";
import { flagOf } from "./flag.ts";

test("flags are built from the country code, EU included", () => {
  expect(flagOf("jp")).toBe("🇯🇵");
  expect(flagOf("EU")).toBe("🇪🇺");
  expect(flagOf("J1")).toBe("");
});
