import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Page } from "playwright-core";
import { api } from "./support/api.ts";
import { type Browser, launchBrowser, parseShown, settled, WEB } from "./support/browser.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const PERIODS = ["1d", "1w", "1m", "3m", "6m", "1y"] as const;

/** Types into one converter field and returns what the other one shows. */
const convert = async (page: Page, from: string, to: string, amount: string): Promise<number> => {
  await page.getByLabel(from, { exact: true }).fill(amount);
  return parseShown(await page.getByLabel(to, { exact: true }).inputValue());
};

describe("destination page", () => {
  for (const { country, code } of [
    { country: "US", code: "USD" },
    { country: "JP", code: "JPY" },
  ]) {
    test(`the ${code} converter gives the API's conversion both ways, as you type`, async () => {
      const page = await browser.page();
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
    const page = await browser.page();
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
    const page = await browser.page();
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
    const page = await browser.page();
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

  test("a destination without Big Mac data says so instead of showing figures", async () => {
    const page = await browser.page();
    await page.goto(`${WEB}/destinations/GU`);
    await settled(page);
    const text = await page.getByTestId("bigmac").innerText();
    expect(text).toContain("빅맥 지수 자료가 없습니다");
    expect(text).not.toMatch(/₩/);
    await page.close();
  });
});
