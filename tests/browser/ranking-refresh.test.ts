import { describe, expect, test } from "bun:test";
import type { Page } from "playwright-core";
import { waitFor } from "../support/stack.ts";
import { api, recomputeRanking } from "./support/api.ts";
import { browserForFile, settled, WEB } from "./support/browser.ts";
import { chooseTarget, isDailyRanking, pickThroughApi, shownScore } from "./support/ranking.ts";

// Its own browser: the fake clock below is installed for the whole context.
const browser = browserForFile();

interface Entry {
  country_code: string;
  score: number;
}

/** The board's rows as (country, selections) pairs, in order. */
const shownBoard = async (page: Page) => {
  const codes = await page
    .locator('[data-testid="ranking-list"] li')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-country") ?? ""));
  return Promise.all(
    codes.map(async (code) => ({ country_code: code, score: await shownScore(page, code) })),
  );
};

describe("ranking board", () => {
  test(
    "a new snapshot appears on the open page by itself, with no reload",
    async () => {
      const target = await chooseTarget();
      const page = await browser().page();
      // The board polls every 30 s; the fake clock lets the test move time on instead of waiting.
      await page.clock.install();
      const firstAnswer = page.waitForResponse(isDailyRanking);
      await page.goto(`${WEB}/`);
      await settled(page);
      const first: Entry[] = (await (await firstAnswer).json()).data.ranking;
      const before = first.find((e) => e.country_code === target.code)?.score ?? 0;
      expect(await shownScore(page, target.code)).toBe(before);
      let navigations = 0;
      page.on("framenavigated", (frame) => {
        if (frame === page.mainFrame()) navigations++;
      });
      await page.evaluate(() => {
        document.body.dataset.sameDocument = "yes";
      });

      expect(await pickThroughApi(target.code)).toBe(201);
      // Recompute until the API's snapshot counts the pick (the every-minute cron would do it too).
      await waitFor(
        `the snapshot to count a pick of ${target.code}`,
        async () => {
          await recomputeRanking();
          const { ranking } = await api("/api/v1/rankings?period=daily&limit=10");
          return ranking.some((e: Entry) => e.country_code === target.code && e.score > before);
        },
        { timeoutMs: 100_000, intervalMs: 2000 },
      );

      // Let the page's own timer fire until its poll brings the new snapshot.
      const polled = await waitFor(
        "the board to poll the new snapshot",
        async () => {
          const answered = page.waitForResponse(isDailyRanking, { timeout: 10_000 });
          await page.clock.fastForward(30_000);
          const ranking: Entry[] = (await (await answered).json()).data.ranking;
          const score = ranking.find((e) => e.country_code === target.code)?.score ?? 0;
          return score > before ? ranking : undefined;
        },
        { timeoutMs: 40_000, intervalMs: 0 },
      );
      await settled(page);
      await waitFor("the board to show the polled snapshot", async () => {
        return (
          (await shownScore(page, target.code)) === polled.find((e) => e.country_code === target.code)?.score
        );
      });
      expect(await shownBoard(page)).toEqual(
        polled.map((e) => ({ country_code: e.country_code, score: e.score })),
      );
      expect(await shownScore(page, target.code)).toBeGreaterThanOrEqual(before + 1);
      expect(navigations).toBe(0);
      expect(await page.evaluate(() => document.body.dataset.sameDocument)).toBe("yes");
      await page.close();
    },
    { timeout: 180_000 },
  );
});
