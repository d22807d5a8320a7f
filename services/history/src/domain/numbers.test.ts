import { describe, expect, test } from "bun:test";
import { tidy, tidyDifference } from "./numbers.ts";

describe("numbers for the wire", () => {
  test("tidy strips floating-point noise and keeps every digit of a DECIMAL(20,8) rate", () => {
    expect(tidy(0.1 + 0.2)).toBe(0.3);
    expect(tidy(1395.31178032)).toBe(1395.31178032);
  });

  test("a difference keeps the decimals of the rates it came from", () => {
    expect(tidyDifference(1395.29717876 - 1395.31178032, 1395.3)).toBe(-0.01460156);
    expect(tidyDifference(0.00612369578021 - 0.0061137960245, 0.0061)).toBe(0.00000989975571);
    expect(tidyDifference(0, 5)).toBe(0);
  });
});
