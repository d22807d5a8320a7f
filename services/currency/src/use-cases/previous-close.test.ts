import { describe, expect, test } from "bun:test";
import { createLogger, manualClock } from "@trip/shared";
import { FakeRateDatabase } from "../testing/fake-stores.ts";
import { PreviousCloseReader } from "./previous-close.ts";

const log = createLogger({ service: "test", sink: () => {} });
const setup = () => {
  const clock = manualClock("2026-11-27T03:00:00Z");
  const database = new FakeRateDatabase();
  return { clock, database, reader: new PreviousCloseReader(database, clock, log, 60_000) };
};

describe("PreviousCloseReader", () => {
  test("the close is the last observation before 00:00 KST of the quote's KST day", async () => {
    const { database, reader } = setup();
    database.history.set("USD", [
      [new Date("2026-11-26T14:59:59.999Z"), 1390], // 23:59:59.999 KST on the 26th: the close
      [new Date("2026-11-26T15:00:00.000Z"), 1391], // 00:00 KST on the 27th: today already
      [new Date("2026-11-26T10:00:00.000Z"), 1385],
    ]);
    expect(await reader.closeBefore("USD", new Date("2026-11-27T03:00:00Z"))).toBe(1390);
  });
  test("one query per currency per KST day", async () => {
    const { database, reader } = setup();
    database.history.set("USD", [[new Date("2026-11-26T10:00:00Z"), 1385]]);
    await reader.closeBefore("USD", new Date("2026-11-27T03:00:00Z"));
    await reader.closeBefore("USD", new Date("2026-11-27T05:00:00Z"));
    expect(database.closeCalls).toBe(1);
  });
  test("no earlier day yet: null, asked again after the retry interval", async () => {
    const { database, reader, clock } = setup();
    expect(await reader.closeBefore("USD", new Date("2026-11-27T03:00:00Z"))).toBeNull();
    database.history.set("USD", [[new Date("2026-11-26T10:00:00Z"), 1385]]);
    expect(await reader.closeBefore("USD", new Date("2026-11-27T03:00:00Z"))).toBeNull();
    clock.advance(60_000);
    expect(await reader.closeBefore("USD", new Date("2026-11-27T03:00:00Z"))).toBe(1385);
  });
  test("database down: null (no change reported), not an error", async () => {
    const { database, reader } = setup();
    database.down = true;
    expect(await reader.closeBefore("USD", new Date("2026-11-27T03:00:00Z"))).toBeNull();
  });
});
