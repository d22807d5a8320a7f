import { describe, expect, test } from "bun:test";
import type { Page } from "playwright-core";
import { browserForFile, settled, WEB } from "./support/browser.ts";

const browser = browserForFile();

const unavailable = JSON.stringify({
  success: false,
  error: { code: "CACHE_UNAVAILABLE", message: "rates are unavailable" },
  timestamp: new Date().toISOString(),
});

/** Makes every request matching `pattern` fail with a 503 envelope, as a broken service would. */
const failRequests = (page: Page, pattern: string) =>
  page.route(pattern, (route) =>
    route.fulfill({ status: 503, contentType: "application/json", body: unavailable }),
  );

/** The card whose heading is `title`. */
const cardTitled = (page: Page, title: string) =>
  page.locator("section.card", { has: page.getByRole("heading", { name: title, exact: true }) });

/** A card's text below its header (the header names the period or the unit, which hold digits). */
const bodyTextOf = (card: ReturnType<Page["locator"]>) =>
  card.evaluate((el) =>
    [...el.children]
      .filter((child) => child.tagName !== "HEADER")
      .map((child) => (child as HTMLElement).innerText)
      .join("\n"),
  );

describe("when an API call fails", () => {
  test("the destination page says so and shows no rate, no conversion", async () => {
    const page = await browser().page();
    await failRequests(page, "**/api/v1/currencies/USD");
    await page.goto(`${WEB}/destinations/US`);
    await settled(page);
    for (const card of ["currency-card", "converter"]) {
      const region = page.getByTestId(card);
      await expect(region.getByRole("alert").count()).resolves.toBe(1);
      const text = await region.innerText();
      expect(text).toContain("데이터를 불러오지 못했습니다");
      expect(text).toContain("CACHE_UNAVAILABLE");
      expect(text).not.toMatch(/\d/);
    }
    await expect(page.getByTestId("converter").locator("input").count()).resolves.toBe(0);
    await page.close();
  });

  test("the home page's boards say so and show no numbers", async () => {
    const page = await browser().page();
    await failRequests(page, "**/api/v1/currencies/*");
    await failRequests(page, "**/api/v1/rankings?*");
    await page.goto(`${WEB}/`);
    await settled(page);
    const rates = page.getByTestId("rates-board");
    await expect(rates.getByRole("alert").count()).resolves.toBe(1);
    expect(await rates.innerText()).not.toMatch(/\d/);
    const ranking = page.locator("section", {
      has: page.getByRole("heading", { name: "오늘의 인기 여행지" }),
    });
    await expect(ranking.getByRole("alert").count()).resolves.toBe(1);
    expect(await ranking.innerText()).not.toMatch(/\d/);
    await page.close();
  });

  test("the history chart and the statistics panel say so, also after a period change, and show no figures", async () => {
    const page = await browser().page();
    await failRequests(page, "**/api/v1/history?*");
    await failRequests(page, "**/api/v1/history/stats?*");
    await page.goto(`${WEB}/destinations/US`);
    await settled(page);
    for (const period of ["1m", "1y"]) {
      if (period !== "1m") {
        await page.locator(`[role="tab"][data-period="${period}"]`).click();
        await settled(page);
      }
      const history = page.locator("#history-panel");
      await expect(history.getByRole("alert").count()).resolves.toBe(1);
      expect(await history.innerText()).toContain("CACHE_UNAVAILABLE");
      expect(await history.innerText()).not.toMatch(/\d/);
      await expect(page.getByTestId("history-chart").count()).resolves.toBe(0);
      await expect(history.locator("svg").count()).resolves.toBe(0);

      const stats = cardTitled(page, "통계");
      await expect(stats.getByRole("alert").count()).resolves.toBe(1);
      const body = await bodyTextOf(stats);
      expect(body).toContain("데이터를 불러오지 못했습니다");
      expect(body).toContain("CACHE_UNAVAILABLE");
      expect(body).not.toMatch(/\d/);
      await expect(stats.locator("dd, .num").count()).resolves.toBe(0);
    }
    // The failure stays where it happened: the rate card still shows the rate.
    expect(await page.getByTestId("current-rate").innerText()).toMatch(/^\d{1,3}(,\d{3})*\.\d{2}$/);
    await page.close();
  });

  test("the compare page's chart and correlation table say so and show no figures", async () => {
    const page = await browser().page();
    await failRequests(page, "**/api/v1/history?*");
    await failRequests(page, "**/api/v1/history/compare?*");
    await page.goto(`${WEB}/compare?currencies=USD,JPY,EUR&period=1m`);
    await settled(page);
    for (const title of ["기간 시작 대비 변화 (시작 = 100)", "성과"]) {
      const card = cardTitled(page, title);
      await expect(card.getByRole("alert").count()).resolves.toBe(1);
      const body = await bodyTextOf(card);
      expect(body).toContain("데이터를 불러오지 못했습니다");
      expect(body).toContain("CACHE_UNAVAILABLE");
      expect(body).not.toMatch(/\d/);
    }
    for (const testId of ["compare-chart", "performance-table", "correlation-table"])
      await expect(page.getByTestId(testId).count()).resolves.toBe(0);
    await expect(page.locator("main td, main path.chart__line").count()).resolves.toBe(0);
    await page.close();
  });

  test("a retry after the service recovers shows the data", async () => {
    const page = await browser().page();
    await failRequests(page, "**/api/v1/currencies/USD");
    await page.goto(`${WEB}/destinations/US`);
    await settled(page);
    await page.unroute("**/api/v1/currencies/USD");
    await page.getByTestId("currency-card").getByRole("button", { name: "다시 시도" }).click();
    await settled(page);
    expect(await page.getByTestId("current-rate").innerText()).toMatch(/^\d{1,3}(,\d{3})*\.\d{2}$/);
    await page.close();
  });
});

describe("language", () => {
  test("Korean by default; the switch changes every label and is remembered", async () => {
    const page = await browser().page();
    await page.goto(`${WEB}/`);
    expect(await page.locator("html").getAttribute("lang")).toBe("ko");
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe(
      "여행지 환율과 인기 여행지를 한눈에",
    );
    await page.getByRole("button", { name: "Switch to English" }).click();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe(
      "Exchange rates and popular destinations at a glance",
    );
    await expect(page.getByRole("combobox", { name: "Search destinations" }).count()).resolves.toBe(1);
    await expect(page.getByRole("link", { name: "Compare" }).count()).resolves.toBe(1);
    await page.reload();
    await settled(page);
    expect(await page.getByRole("heading", { level: 2, name: "Popular currencies" }).count()).toBe(1);
    await page.getByRole("button", { name: "한국어로 보기" }).click();
    expect(await page.locator("html").getAttribute("lang")).toBe("ko");
    await page.close();
  });

  test("dates are shown in KST whatever the browser's time zone", async () => {
    const page = await browser().page();
    await page.goto(`${WEB}/destinations/US`);
    await settled(page);
    const card = await page.getByTestId("currency-card").innerText();
    expect(card).toMatch(/업데이트 .*KST/);
    await page.close();
  });

  test("an unknown destination says it is not found", async () => {
    const page = await browser().page();
    await page.goto(`${WEB}/destinations/ZZ`);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("페이지를 찾을 수 없습니다");
    expect(await page.locator("main").innerText()).toContain("ZZ");
    await page.close();
  });
});
