import { beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { browserForFile, SCREENSHOT_DIR, settled, WEB } from "./support/browser.ts";
import { recordRenderedRates, refuseImpossibleRates } from "./support/rendered-rates.ts";

const browser = browserForFile();
beforeAll(() => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
});

const PAGES = [
  { name: "home", path: "/", ready: '[data-testid="rates-board"] table' },
  { name: "destination", path: "/destinations/JP", ready: '[data-testid="history-chart"]' },
  {
    name: "compare",
    path: "/compare?currencies=USD,JPY,EUR,THB&period=1m",
    ready: '[data-testid="compare-chart"]',
  },
] as const;

/**
 * Opens a page and waits for its data. A screenshot of an error state is useless for the README, so a
 * transient service failure gets two more tries (the failure paths have their own tests).
 */
const open = async (page: Page, path: string, ready: string) => {
  for (let attempt = 1; ; attempt++) {
    await page.goto(`${WEB}${path}`);
    await settled(page);
    const failed = (await page.locator('[data-state="error"]').count()) > 0;
    if (!failed || attempt === 3) break;
    await page.waitForTimeout(5000);
  }
  await page.waitForSelector(ready, { timeout: 20_000 });
};

/** Controls without an accessible name (label, aria-label or text). */
const unlabelledControls = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll("input, select, textarea, button, [role=slider], [role=combobox]")]
      .filter((el) => {
        const labelled =
          (el as HTMLInputElement).labels?.length ||
          el.getAttribute("aria-label") ||
          el.getAttribute("aria-labelledby");
        return !labelled && !(el.textContent ?? "").trim();
      })
      .map((el) => el.outerHTML.slice(0, 80)),
  );

describe("every page", () => {
  for (const { name, path, ready } of PAGES) {
    test(`${name}: fits 360 px, labels its controls, and is captured at 390 and 1280 px (only if its rates are ones the FX sandbox can produce)`, async () => {
      const page = await browser().page(360);
      const rendered = recordRenderedRates(page);
      await open(page, path, ready);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      expect(await unlabelledControls(page)).toEqual([]);
      for (const width of [390, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        await open(page, path, ready);
        const file = join(SCREENSHOT_DIR, `${name}-${width}.png`);
        await refuseImpossibleRates(rendered, file);
        await page.screenshot({ path: file, fullPage: true });
      }
      expect(browser().pageErrors).toEqual([]);
      await page.close();
    });
  }

  test("the compare page draws one line per chosen currency and fills the correlation table", async () => {
    const page = await browser().page();
    await open(page, "/compare?currencies=USD,JPY&period=1m", '[data-testid="compare-chart"]');
    expect(await page.locator('[data-testid="compare-chart"] path.chart__line').count()).toBe(2);
    await page.getByRole("button", { name: /EUR/ }).click();
    await page.waitForURL(/currencies=USD,JPY,EUR/);
    await settled(page);
    expect(await page.locator('[data-testid="compare-chart"] path.chart__line').count()).toBe(3);
    const cells = page.locator('[data-testid="correlation-table"] td[data-pair]');
    expect(await cells.count()).toBe(9);
    expect(await page.locator('[data-pair="USD_USD"]').innerText()).toBe("1.00");
    await page.close();
  });

  test("the whole home page works with the keyboard alone", async () => {
    const page = await browser().page();
    await page.goto(`${WEB}/`);
    await settled(page);
    await page.evaluate(() => window.focus());
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("본문으로 건너뛰기");
    await page.getByRole("combobox").focus();
    await page.keyboard.type("싱가포르");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await page.waitForURL("**/destinations/SG");
    await settled(page);
    const tab = page.locator('[role="tab"][aria-selected="true"]');
    await tab.focus();
    await page.keyboard.press("ArrowRight");
    expect(await page.locator('[role="tab"][aria-selected="true"]').getAttribute("data-period")).toBe("3m");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-period"))).toBe("3m");
    await page.close();
  });
});
