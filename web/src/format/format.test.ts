import { describe, expect, test } from "bun:test";
import { formatDateTimeKst, formatKstDate, formatPointLabel, formatTimeKst } from "./date-format.ts";
import {
  directionOf,
  formatKrw,
  formatMoney,
  formatPercent,
  formatRate,
  formatSignedPercent,
  formatSignedRate,
  shownDirectionOf,
} from "./number-format.ts";

describe("numbers", () => {
  test("won amounts have no decimals", () => {
    expect(formatKrw(1392.6, "ko")).toBe("₩1,393");
    expect(formatKrw(1392.4, "en")).toBe("₩1,392");
  });

  test("foreign amounts keep their currency's decimals", () => {
    expect(formatMoney(480, "JPY", 0, "en")).toBe("¥480");
    expect(formatMoney(5.69, "USD", 2, "en")).toBe("$5.69");
  });

  test("rates show two decimals, small rates four significant digits", () => {
    expect(formatRate(1392.4, "ko")).toBe("1,392.40");
    expect(formatRate(0.054812, "en")).toBe("0.05481");
  });

  test("changes carry a sign, zero does not", () => {
    expect(formatSignedRate(1.2, 1392.4, "en")).toBe("+1.20");
    expect(formatSignedRate(-1.2, 1392.4, "en")).toBe("-1.20");
    expect(formatSignedRate(0, 1392.4, "en")).toBe("0.00");
    expect(formatSignedRate(-0.946, 1392.4, "en")).toBe("-0.95");
  });

  test("a change is shown at its rate's precision, and one too small to show there is flat", () => {
    expect(formatSignedRate(-0.00778, 1394.56, "en")).toBe("-0.01");
    expect(shownDirectionOf(-0.00778, 1394.56)).toBe("down");
    expect(formatSignedRate(-0.00478, 1394.56, "en")).toBe("0.00");
    expect(shownDirectionOf(-0.00478, 1394.56)).toBe("flat");
    expect(shownDirectionOf(-0.0078, 0.05481)).toBe("down");
    expect(formatSignedRate(0.000331, 0.05481, "en")).toBe("+0.00033");
    expect(formatSignedRate(0.000331, 1.5, "en")).toBe("0.00");
    expect(formatRate(0.5, "en")).toBe("0.5000");
    expect(formatSignedPercent(0.134, "en")).toBe("+0.13%");
    expect(formatSignedPercent(-2.5, "ko")).toBe("-2.5%");
    expect(formatPercent(12.34, "en")).toBe("12.3%");
  });

  test("direction follows the sign and treats missing as flat", () => {
    expect(directionOf(0.1)).toBe("up");
    expect(directionOf(-0.1)).toBe("down");
    expect(directionOf(0)).toBe("flat");
    expect(directionOf(null)).toBe("flat");
  });
});

describe("dates in KST", () => {
  test("an instant is shown in KST whatever the machine's zone", () => {
    expect(formatDateTimeKst("2026-11-27T15:30:00Z", "en")).toBe("Nov 28, 2026, 12:30 AM KST");
    expect(formatTimeKst("2026-11-27T03:05:00Z", "en")).toBe("12:05 PM KST");
  });

  test("a KST date stays the same calendar day", () => {
    expect(formatKstDate("2026-11-27", "en")).toBe("Nov 27, 2026");
    expect(formatKstDate("2026-11-27", "ko")).toContain("27");
  });

  test("point labels pick date or date-time by shape", () => {
    expect(formatPointLabel("2026-01-05", "en")).toBe("Jan 5, 2026");
    expect(formatPointLabel("2026-01-05T00:00:00Z", "en")).toBe("Jan 5, 2026, 9:00 AM KST");
  });

  test("an unparseable value is shown as sent rather than invented", () => {
    expect(formatDateTimeKst("not a date", "en")).toBe("not a date");
  });
});
