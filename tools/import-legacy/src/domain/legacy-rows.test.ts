import { describe, expect, test } from "bun:test";
import { checkDailyRow, checkHistoryRow, legacyCode, legacyInstant, parseDecimal } from "./legacy-rows.ts";

const NOW = new Date("2026-12-01T00:00:00Z");
const history = (fields: Record<string, string | null>) => ({
  id: "7",
  currency_code: "USD",
  currency_name: "미국 달러",
  deal_base_rate: "1392.4500",
  tts: "1406.3700",
  ttb: "1378.5300",
  source: "koreaexim",
  recorded_at: "2026-03-02 11:00:00",
  created_at: "2026-03-02 11:00:05",
  ...fields,
});
const reasonOf = (checked: ReturnType<typeof checkHistoryRow> | ReturnType<typeof checkDailyRow>) =>
  checked.ok ? "ok" : checked.rejection.reason;

describe("legacy row checks", () => {
  test("codes: case, spaces, the per-100 suffix and CNH are understood; KRW and unknowns are not", () => {
    expect(legacyCode(" jpy(100) ")).toEqual({ code: "JPY", declaredUnit: 100 });
    expect(legacyCode("CNH")).toEqual({ code: "CNY", declaredUnit: 1 });
    expect(legacyCode("KRW")).toBeUndefined();
    expect(legacyCode("XXX")).toBeUndefined();
    expect(legacyCode(null)).toBeUndefined();
  });

  test("DATETIME of the old server's zone becomes an instant; a zero date is no instant", () => {
    expect(legacyInstant("2026-03-02 11:00:00", "Asia/Seoul")?.toISOString()).toBe(
      "2026-03-02T02:00:00.000Z",
    );
    expect(legacyInstant("2026-03-02 11:00:00", "UTC")?.toISOString()).toBe("2026-03-02T11:00:00.000Z");
    expect(legacyInstant("0000-00-00 00:00:00", "UTC")).toBeUndefined();
    expect(legacyInstant("2026-02-30 00:00:00", "UTC")).toBeUndefined();
  });

  test("decimals are parsed exactly as written; garbage is NaN, NULL is null", () => {
    expect(parseDecimal("1392.4500")).toBe(1392.45);
    expect(parseDecimal(null)).toBeNull();
    expect(parseDecimal("1,392.45")).toBeNaN();
  });

  test("a valid history row keeps its values and NULL bank rates", () => {
    const checked = checkHistoryRow(history({ tts: null, ttb: null }), 1, "Asia/Seoul", NOW);
    expect(checked.ok && checked.row).toMatchObject({ code: "USD", rate: 1392.45, tts: null, ttb: null });
  });

  test("each kind of corrupt history row is rejected with its reason", () => {
    const cases: Array<[Record<string, string | null>, string]> = [
      [{ currency_code: "??" }, "unknown-currency"],
      [{ deal_base_rate: "0.0000" }, "invalid-rate"],
      [{ deal_base_rate: "-1392.45" }, "invalid-rate"],
      [{ tts: "-1.0000" }, "invalid-bank-rate"],
      [{ ttb: "13.7853" }, "invalid-bank-rate"],
      [{ recorded_at: "0000-00-00 00:00:00" }, "invalid-time"],
      [{ recorded_at: "2027-01-01 00:00:00" }, "invalid-time"],
    ];
    for (const [fields, reason] of cases) {
      expect(reasonOf(checkHistoryRow(history(fields), 1, "Asia/Seoul", NOW))).toBe(reason);
    }
  });

  test("a daily row needs low ≤ open, close, avg ≤ high and at least one sample", () => {
    const day = (fields: Record<string, string | null>) => ({
      id: "3",
      currency_code: "USD",
      trade_date: "2026-03-02",
      open_rate: "1390",
      close_rate: "1392",
      high_rate: "1395",
      low_rate: "1388",
      avg_rate: "1391",
      volume: "4",
      volatility: null,
      ...fields,
    });
    expect(reasonOf(checkDailyRow(day({}), 1))).toBe("ok");
    expect(reasonOf(checkDailyRow(day({ high_rate: "1391" }), 1))).toBe("inconsistent-daily");
    expect(reasonOf(checkDailyRow(day({ volume: "0" }), 1))).toBe("inconsistent-daily");
    expect(reasonOf(checkDailyRow(day({ trade_date: "0000-00-00" }), 1))).toBe("invalid-time");
    expect(reasonOf(checkDailyRow(day({ open_rate: "abc" }), 1))).toBe("invalid-rate");
  });
});
