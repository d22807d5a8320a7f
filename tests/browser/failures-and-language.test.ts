import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Page } from "playwright-core";
import { type Browser, launchBrowser, settled, WEB } from "./support/browser.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

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

describe("when an API call fails", () => {
  test("the destination page says so and shows no rate, no conversion", async () => {
    const page = await browser.page();
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
    const page = await browser.page();
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

  test("a retry after the service recovers shows the data", async () => {
    const page = await browser.page();
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
    const page = await browser.page();
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
    const page = await browser.page();
    await page.goto(`${WEB}/destinations/US`);
    await settled(page);
    const card = await page.getByTestId("currency-card").innerText();
    expect(card).toMatch(/업데이트 .*KST/);
    await page.close();
  });

  test("an unknown destination says it is not found", async () => {
    const page = await browser.page();
    await page.goto(`${WEB}/destinations/ZZ`);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("페이지를 찾을 수 없습니다");
    expect(await page.locator("main").innerText()).toContain("ZZ");
    await page.close();
  });
});
