/** The home page's ranking board as the tests read it, and destinations whose pick it must show. */
import { randomUUID } from "node:crypto";
import { COUNTRIES, type Country, getCountry, HOME_COUNTRY_CODE } from "@trip/shared";
import type { Page, Response } from "playwright-core";
import { api } from "./api.ts";
import { parseShown, WEB } from "./browser.ts";

/** The selection count the ranking board shows for a country (0 when it is not listed). */
export const shownScore = async (page: Page, code: string): Promise<number> => {
  const row = page.locator(`[data-testid="ranking-list"] li[data-country="${code}"]`);
  if ((await row.count()) === 0) return 0;
  const share = await row.locator(".ranking__share").innerText();
  return parseShown(share.split("·")[0] ?? "");
};

/** A destination whose pick must become visible: one not listed yet, or the leader when the board is full. */
export const chooseTarget = async (): Promise<Country> => {
  const { ranking } = await api("/api/v1/rankings?period=daily&limit=10");
  const listed = new Set<string>(ranking.map((r: { country_code: string }) => r.country_code));
  const leader = ranking[0] && getCountry(ranking[0].country_code);
  if (ranking.length >= 10 && leader) return leader;
  const fresh = COUNTRIES.find((c) => c.code !== HOME_COUNTRY_CODE && !listed.has(c.code));
  if (!fresh) throw new Error("no destination left to pick");
  return fresh;
};

/** The board's own request for today's top 10. */
export const isDailyRanking = (r: Response): boolean =>
  r.url().includes("/api/v1/rankings?") && r.url().includes("period=daily") && r.request().method() === "GET";

/** Records a pick through the gateway as a new visitor would; returns the HTTP status. */
export const pickThroughApi = async (countryCode: string): Promise<number> => {
  const res = await fetch(`${WEB}/api/v1/rankings/selections`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      country_code: countryCode,
      selection_id: randomUUID(),
      session_id: randomUUID(),
      referrer: "browser-test",
    }),
  });
  return res.status;
};
