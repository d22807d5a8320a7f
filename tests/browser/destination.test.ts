import { describe, expect, test } from "bun:test";
import { getCurrency } from "@trip/shared";
import type { Page } from "playwright-core";
import { formatNumber, formatRate, formatSignedPercent } from "../../web/src/format/number-format.ts";
import { type MessageKey, translate } from "../../web/src/i18n/translate.ts";
import { api } from "./support/api.ts";
import { browserForFile, parseShown, settled, WEB } from "./support/browser.ts";

const browser = browserForFile();

const PERIODS = ["1d", "1w", "1m", "3m", "6m", "1y"] as const;

/** Types into one converter field and returns what the other one shows. */
const convert = async (page: Page, from: string, to: string, amount: string): Promise<number> => {
  await page.getByLabel(from, { exact: true }).fill(amount);
  return parseShown(await page.getByLabel(to, { exact: true }).inputValue());
};

/** The [label, value] pairs of one of the statistics panel's lists, as shown. */
const shownFacts = (page: Page, testId: string) =>
  page
    .getByTestId(testId)
    .locator("div")
    .evaluateAll((items) =>
      items.map((item) => [item.querySelector("dt")?.textContent, item.querySelector("dd")?.textContent]),
    );

// biome-ignore lint/suspicious/noExplicitAny: the stats answer is read field by field, as the contract names them
const expectedFacts = (stats: any, unit: number) => {
  const missing = translate("ko", "state.notEnoughData");
  const rate = (v: number | null) => (v === null ? missing : formatRate(v * unit, "ko"));
  const s = stats.statistics;
  const i = stats.technical_indicators;
  return {
    statistics: [
      ["평균", rate(s.period_average)],
      ["최저", rate(s.period_min)],
      ["최고", rate(s.period_max)],
      [
        "기간 변동",
        s.total_change_percent === null ? missing : formatSignedPercent(s.total_change_percent, "ko"),
      ],
      ["변동성", s.volatility_index === null ? missing : formatNumber(s.volatility_index, "ko", 2)],
      [
        "추세",
        s.trend_direction === null ? missing : translate("ko", `trend.${s.trend_direction}` as MessageKey),
      ],
      ["지지선", rate(s.support_level)],
      ["저항선", rate(s.resistance_level)],
    ],
    indicators: [
      ["20일 이동평균", rate(i.sma_20)],
      ["50일 이동평균", rate(i.sma_50)],
      ["RSI (14)", i.rsi_14 === null ? missing : formatNumber(i.rsi_14, "ko", 1)],
      ["볼린저 밴드 상단", rate(i.bollinger_upper)],
      ["볼린저 밴드 하단", rate(i.bollinger_lower)],
    ],
  };
};

describe("destination page", () => {
  for (const { country, code } of [
    { country: "US", code: "USD" },
    { country: "JP", code: "JPY" },
  ]) {
    test(`the ${code} converter gives the API's conversion both ways, as you type`, async () => {
      const page = await browser().page();
      // The rate may move between page load and our call (ingestion every 2 min): retry on a new rate.
      for (let attempt = 1; ; attempt++) {
        await page.goto(`${WEB}/destinations/${country}`);
        await settled(page);
        const toKrw = await convert(page, `${code} 금액`, "원화(KRW) 금액", "1,250");
        const fromKrw = await convert(page, "원화(KRW) 금액", `${code} 금액`, "100000");
        const apiToKrw = await api(`/api/v1/currencies/convert?from=${code}&to=KRW&amount=1250`);
        const apiFromKrw = await api(`/api/v1/currencies/convert?from=KRW&to=${code}&amount=100000`);
        const same = toKrw === Math.round(apiToKrw.result) && fromKrw === apiFromKrw.result;
        if (same || attempt === 3) {
          expect(toKrw).toBe(Math.round(apiToKrw.result));
          expect(fromKrw).toBe(apiFromKrw.result);
          break;
        }
      }
      await page.getByLabel(`${code} 금액`, { exact: true }).fill("-5");
      await expect(page.getByText("0 이상의 숫자를 입력하세요").isVisible()).resolves.toBe(true);
      expect(await page.getByLabel("원화(KRW) 금액", { exact: true }).inputValue()).toBe("");
      await page.close();
    });
  }

  test("the chart draws every point the API returned, for each period", async () => {
    const page = await browser().page();
    const first = page.waitForResponse(
      (r) => r.url().includes("/api/v1/history?") && r.url().includes("period=1m"),
    );
    await page.goto(`${WEB}/destinations/US`);
    await first;
    for (const period of PERIODS) {
      const answered =
        period === "1m"
          ? first
          : page.waitForResponse(
              (r) => r.url().includes("/api/v1/history?") && r.url().includes(`period=${period}`),
            );
      await page.locator(`[role="tab"][data-period="${period}"]`).click();
      const body = await (await answered).json();
      expect(body.success).toBe(true);
      const points = body.data.results.filter((p: { rate: number | null }) => p.rate !== null).length;
      expect(await page.locator(`[role="tab"][data-period="${period}"]`).getAttribute("aria-selected")).toBe(
        "true",
      );
      await settled(page);
      if (points === 0) {
        await expect(page.locator("#history-panel [data-state=empty]").count()).resolves.toBe(1);
        continue;
      }
      const chart = page.getByTestId("history-chart");
      expect(Number(await chart.getAttribute("data-points"))).toBe(points);
      const path = (await chart.locator("path.chart__line").getAttribute("d")) ?? "";
      expect(path.match(/[ML]/g)?.length).toBe(points);
    }
    await page.close();
  });

  test("hovering or using the arrow keys on the chart reads out values", async () => {
    const page = await browser().page();
    await page.goto(`${WEB}/destinations/US`);
    await settled(page);
    const chart = page.getByTestId("history-chart");
    if ((await chart.count()) === 0) throw new Error("no history for USD: run an ingestion backfill first");
    const box = await chart.locator("svg").boundingBox();
    if (!box) throw new Error("chart not rendered");
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const tooltip = page.getByTestId("history-chart-tooltip");
    await expect(tooltip.isVisible()).resolves.toBe(true);
    expect(await tooltip.innerText()).toMatch(/\d{1,3}(,\d{3})*\.\d{2}/);
    const slider = chart.getByRole("slider");
    await slider.focus();
    await page.keyboard.press("End");
    const last = await slider.getAttribute("aria-valuetext");
    await page.keyboard.press("Home");
    expect(await slider.getAttribute("aria-valuenow")).toBe("0");
    expect(await slider.getAttribute("aria-valuetext")).not.toBe(last);
    await page.close();
  });

  test("statistics and the Big Mac comparison show the API's figures in plain words", async () => {
    const page = await browser().page();
    const index = page.waitForResponse((r) => r.url().includes("/api/v1/currencies/price-index?country=JP"));
    await page.goto(`${WEB}/destinations/JP`);
    const body = await (await index).json();
    await settled(page);
    const bigmac = page.getByTestId("bigmac");
    const sentence = await bigmac.locator(".bigmac__sentence").innerText();
    const krw = (n: number) => `₩${Math.round(n).toLocaleString("en-US")}`;
    expect(sentence).toContain(krw(body.data.price_data.bigmac_price_krw));
    expect(sentence).toContain(krw(body.data.price_data.base_bigmac_price_krw));
    expect(sentence).toContain("한국에서는");
    await expect(page.getByTestId("statistics").count()).resolves.toBe(1);
    await expect(page.getByTestId("indicators").count()).resolves.toBe(1);
    await page.close();
  });

  for (const { country, code } of [
    { country: "JP", code: "JPY" },
    { country: "US", code: "USD" },
  ]) {
    test(`the ${code} statistics and indicators are the API's figures for the chosen period`, async () => {
      const page = await browser().page();
      const unit = getCurrency(code)?.unit ?? 1;
      const statsOf = (period: string) =>
        page.waitForResponse(
          (r) =>
            r.url().includes("/api/v1/history/stats?") &&
            r.url().includes(`target=${code}`) &&
            r.url().includes(`period=${period}`),
        );
      const first = statsOf("1m");
      await page.goto(`${WEB}/destinations/${country}`);
      for (const period of ["1m", "3m", "1y"]) {
        const answered = period === "1m" ? first : statsOf(period);
        if (period !== "1m") await page.locator(`[role="tab"][data-period="${period}"]`).click();
        const body = await (await answered).json();
        expect(body.success).toBe(true);
        await settled(page);
        const stats = page.locator("section", { has: page.getByRole("heading", { name: "통계" }) });
        expect(await stats.locator(".card__meta").innerText()).toBe(
          translate("ko", `period.${period}` as MessageKey),
        );
        const expected = expectedFacts(body.data, unit);
        const shown = await shownFacts(page, "statistics");
        expect(shown).toEqual(expected.statistics);
        expect(await shownFacts(page, "indicators")).toEqual(expected.indicators);
        // Rate figures are per quoting unit (JPY per 100): the shown average is the API's, rounded.
        const average = body.data.statistics.period_average;
        if (average !== null) {
          expect(Math.abs(parseShown(shown[0]?.[1] ?? "") - average * unit)).toBeLessThan(0.0051);
        }
      }
      await page.close();
    });
  }

  test("a destination without Big Mac data says so instead of showing figures", async () => {
    const page = await browser().page();
    await page.goto(`${WEB}/destinations/GU`);
    await settled(page);
    const text = await page.getByTestId("bigmac").innerText();
    expect(text).toContain("빅맥 지수 자료가 없습니다");
    expect(text).not.toMatch(/₩/);
    await page.close();
  });
});
