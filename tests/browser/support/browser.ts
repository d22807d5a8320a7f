/**
 * Debian's Chromium driven by playwright-core, one fresh profile per suite file. The UI under test is the
 * real web app (STACK.web, default http://127.0.0.1:8080) in front of the real services.
 */
import { afterAll, beforeAll } from "bun:test";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { REPO_ROOT, STACK } from "../../support/stack.ts";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const WEB = STACK.web;
export const SCREENSHOT_DIR = join(REPO_ROOT, "docs", "screenshots");

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface Browser {
  context: BrowserContext;
  /** A new tab at `width` × 900, failing the test on uncaught page errors. */
  page(width?: number): Promise<Page>;
  /** Uncaught errors seen in any page of this browser. */
  pageErrors: string[];
  close(): Promise<void>;
}

/** One browser for the calling test file: launched before its tests, closed after them. */
export const browserForFile = (): (() => Browser) => {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error("the browser is launched in beforeAll; use it inside tests");
    return browser;
  };
};

export const launchBrowser = async (): Promise<Browser> => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: it is installed by bash scripts/setup.sh (step: system packages)`,
    );
  }
  const profile = mkdtempSync(join(tmpdir(), "trip-browser-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
    locale: "ko-KR",
    timezoneId: "America/New_York", // dates must still be shown in KST
  });
  const pageErrors: string[] = [];
  return {
    context,
    pageErrors,
    async page(width = 1280) {
      const page = await context.newPage();
      page.on("pageerror", (err) => pageErrors.push(err.message));
      await page.setViewportSize({ width, height: 900 });
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
};

/** Waits until no loading indicator is left on the page. */
export const settled = async (page: Page): Promise<void> => {
  await page.waitForFunction(() => document.querySelectorAll('[data-state="loading"]').length === 0, null, {
    timeout: 20_000,
  });
};

/** A number as the UI prints it ("1,392.40", "₩9,123") → 1392.4 / 9123. */
export const parseShown = (text: string): number => Number(text.replace(/[^\d.-]/g, ""));
