import { describe, expect, test } from "bun:test";
import type { Page } from "playwright-core";
import { browserForFile, settled, WEB } from "./support/browser.ts";
import { textBelowContrast } from "./support/contrast.ts";

const browser = browserForFile();

const failing = (page: Page, pattern: string) =>
  page.route(pattern, (route) =>
    route.fulfill({
      status: 503,
      contentType: "application/json",
      body: JSON.stringify({ success: false, error: { code: "CACHE_UNAVAILABLE", message: "x" } }),
    }),
  );

/** Each page in the states a traveller sees: data loaded, the search list open, errors, English. */
const VIEWS: {
  name: string;
  path: string;
  before?: (page: Page) => Promise<unknown>;
  prepare?: (page: Page) => Promise<void>;
}[] = [
  { name: "home", path: "/" },
  {
    name: "home with the search list open",
    path: "/",
    prepare: async (page) => {
      await page.getByRole("combobox", { name: "여행지 검색" }).fill("아");
      await page.getByRole("listbox").waitFor();
    },
  },
  {
    name: "destination with the chart's tooltip shown",
    path: "/destinations/JP",
    prepare: async (page) => {
      const box = await page.getByTestId("history-chart").locator("svg").boundingBox();
      if (!box) throw new Error("the history chart is not drawn");
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.getByTestId("history-chart-tooltip").waitFor();
    },
  },
  { name: "compare", path: "/compare?currencies=USD,JPY,EUR,THB,VND&period=3m" },
  { name: "not found", path: "/destinations/ZZ" },
  {
    name: "destination with its history failing",
    path: "/destinations/US",
    before: (page) => failing(page, "**/api/v1/history*"),
    prepare: (page) => page.locator('[data-state="error"]').first().waitFor(),
  },
  {
    name: "home in English",
    path: "/",
    prepare: async (page) => {
      await page.getByRole("button", { name: "Switch to English" }).click();
      await settled(page);
    },
  },
];

describe("contrast", () => {
  test("the check itself finds grey text on white and passes black text", async () => {
    const page = await browser().page();
    await page.setContent(
      '<body style="background:#fff"><p style="color:#999">faint</p><p style="color:#000">clear</p></body>',
    );
    const findings = await textBelowContrast(page);
    expect(findings.map((f) => f.text)).toEqual(["faint"]);
    expect(findings[0]?.ratio).toBeCloseTo(2.85, 1);
    await page.close();
  });

  for (const { name, path, before, prepare } of VIEWS) {
    test(`${name}: every visible text and control has at least 4.5:1 contrast`, async () => {
      const page = await browser().page();
      await before?.(page);
      await page.goto(`${WEB}${path}`);
      await settled(page);
      await prepare?.(page);
      const painted = await page.evaluate(() => document.body.innerText.trim().length);
      expect(painted).toBeGreaterThan(0);
      expect(await textBelowContrast(page)).toEqual([]);
      await page.close();
    });
  }
});
