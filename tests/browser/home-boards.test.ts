import { beforeAll, describe, expect, test } from "bun:test";
import { COUNTRIES, getCurrency, HOME_COUNTRY_CODE } from "@trip/shared";
import type { Page, Route } from "playwright-core";
import {
  formatSignedPercent,
  formatSignedRate,
  shownDirectionOf,
} from "../../web/src/format/number-format.ts";
import { type Locale, translate } from "../../web/src/i18n/translate.ts";
import { waitFor } from "../support/stack.ts";
import { api, recomputeRanking } from "./support/api.ts";
import { browserForFile, parseShown, settled, WEB } from "./support/browser.ts";
import { isDailyRanking, pickThroughApi } from "./support/ranking.ts";

const browser = browserForFile();

interface Entry {
  rank: number;
  country_code: string;
  change: "UP" | "DOWN" | "SAME" | "NEW";
  change_value: number;
  previous_rank: number | null;
}
interface Detail {
  currency_code: string;
  current_rate: number;
  change: number | null;
  change_percent: number | null;
}

/**
 * The colour family of a computed `rgb(...)` colour, by hue: rises are red and falls blue (the Korean
 * convention), a NEW badge amber, no change grey.
 */
type Hue = "red" | "amber" | "blue" | "neutral" | "other";
const hueOf = (css: string): Hue => {
  const [r = 0, g = 0, b = 0] = (css.match(/\d+(\.\d+)?/g) ?? []).map(Number);
  const max = Math.max(r, g, b);
  const spread = max - Math.min(r, g, b);
  if (spread < 40) return "neutral";
  const sector = max === r ? (g - b) / spread : max === g ? 2 + (b - r) / spread : 4 + (r - g) / spread;
  const hue = (sector * 60 + 360) % 360;
  if (hue < 15 || hue >= 345) return "red";
  if (hue < 60) return "amber";
  if (hue >= 190 && hue < 250) return "blue";
  return "other";
};

/** Opens the home page with the language chosen beforehand, the way the switch remembers it. */
const openHome = async (page: Page, locale: Locale) => {
  await page.addInitScript((l) => localStorage.setItem("trip.locale", l), locale);
  await page.goto(`${WEB}/`);
  await settled(page);
};

// ── Ranking movement ──────────────────────────────────────────────────────────────────────────────

/** What a row's movement indicator must show for an API entry: glyphs, colour, and spoken text. */
const expectedMovement = (entry: Entry, locale: Locale): { glyph: string; hue: Hue; spoken: string } => {
  const n = Math.abs(entry.change_value);
  switch (entry.change) {
    case "UP":
      return { glyph: `▲${n}`, hue: "red", spoken: translate(locale, "move.up", { n }) };
    case "DOWN":
      return { glyph: `▼${n}`, hue: "blue", spoken: translate(locale, "move.down", { n }) };
    case "NEW":
      return { glyph: "NEW", hue: "amber", spoken: translate(locale, "move.new") };
    default:
      return { glyph: "–", hue: "neutral", spoken: translate(locale, "move.same") };
  }
};

/** Each row of the board: its country, the visible glyphs, the text a screen reader gets, the colour. */
const shownMovements = (page: Page) =>
  page.locator('[data-testid="ranking-list"] li').evaluateAll((rows) =>
    rows.map((row) => {
      const movement = row.querySelector(".movement");
      const spoken = movement?.cloneNode(true) as HTMLElement | undefined;
      for (const hidden of spoken?.querySelectorAll('[aria-hidden="true"]') ?? []) hidden.remove();
      return {
        country: row.getAttribute("data-country"),
        glyph: [...(movement?.querySelectorAll('[aria-hidden="true"]') ?? [])]
          .map((e) => e.textContent)
          .join(""),
        spoken: spoken?.textContent?.trim() ?? "",
        color: movement ? getComputedStyle(movement).color : "",
      };
    }),
  );

const expectMovementsOf = async (page: Page, ranking: Entry[], locale: Locale) => {
  const shown = await shownMovements(page);
  expect(shown.map((row) => row.country)).toEqual(ranking.map((e) => e.country_code));
  for (const [i, entry] of ranking.entries()) {
    const row = shown[i];
    const expected = expectedMovement(entry, locale);
    expect({ country: row?.country, glyph: row?.glyph, spoken: row?.spoken }).toEqual({
      country: entry.country_code,
      glyph: expected.glyph,
      spoken: expected.spoken,
    });
    expect(hueOf(row?.color ?? "")).toBe(expected.hue);
  }
};

/** Gives each entry of the real answer a different kind of movement, so every kind is drawn. */
const KINDS: ((e: Entry, i: number) => Partial<Entry>)[] = [
  (e, i) => ({ change: "UP", change_value: i + 1, previous_rank: e.rank + i + 1 }),
  (e, i) => ({ change: "DOWN", change_value: -(i + 1), previous_rank: Math.max(1, e.rank - i - 1) }),
  () => ({ change: "NEW", change_value: 0, previous_rank: null }),
  (e) => ({ change: "SAME", change_value: 0, previous_rank: e.rank }),
];

describe("ranking movement", () => {
  // A fresh stack has no selections today: make sure the board has rows of every kind to draw, with
  // real picks (as visitors make them) and a recomputation.
  beforeAll(async () => {
    const { ranking } = await api("/api/v1/rankings?period=daily&limit=10");
    const listed = new Set<string>(ranking.map((e: Entry) => e.country_code));
    const missing = KINDS.length - listed.size;
    if (missing <= 0) return;
    const picks = COUNTRIES.filter((c) => c.code !== HOME_COUNTRY_CODE && !listed.has(c.code)).slice(
      0,
      missing,
    );
    for (const country of picks) expect(await pickThroughApi(country.code)).toBe(201);
    await waitFor("today's ranking to list the new picks", async () => {
      await recomputeRanking();
      const { ranking: now } = await api("/api/v1/rankings?period=daily&limit=10");
      return now.length >= KINDS.length;
    });
  }, 90_000);

  test("each row's arrow, colour and spoken text follow the API's change for that row", async () => {
    const page = await browser().page();
    const answered = page.waitForResponse(isDailyRanking);
    await openHome(page, "ko");
    const ranking: Entry[] = (await (await answered).json()).data.ranking;
    expect(ranking.length).toBeGreaterThan(0);
    await expectMovementsOf(page, ranking, "ko");
    await page.close();
  });

  for (const locale of ["ko", "en"] as const) {
    test(`every kind of movement (up, down, new, same) is drawn as the API says, in ${locale}`, async () => {
      const page = await browser().page();
      let served: Entry[] = [];
      await page.route("**/api/v1/rankings?*", async (route: Route) => {
        const response = await route.fetch();
        const body = await response.json();
        served = body.data.ranking.map((e: Entry, i: number) => ({
          ...e,
          ...KINDS[i % KINDS.length]?.(e, i),
        }));
        body.data.ranking = served;
        await route.fulfill({ response, json: body });
      });
      await openHome(page, locale);
      expect(served.length).toBeGreaterThanOrEqual(KINDS.length);
      await expectMovementsOf(page, served, locale);
      await page.close();
    });
  }
});

// ── Rates board: change against yesterday ─────────────────────────────────────────────────────────

/** The change cell of each row the board shows: classes, arrow, signed figure, percent, colour. */
const shownChanges = (page: Page) =>
  page.locator('[data-testid="rates-board"] tbody tr').evaluateAll((rows) =>
    rows.map((row) => {
      const change = row.querySelector(".change");
      const own = [...(change?.childNodes ?? [])].filter((n) => n.nodeType === Node.TEXT_NODE);
      return {
        code: row.getAttribute("data-currency") ?? "",
        className: change?.className ?? "",
        arrow: change?.querySelector('[aria-hidden="true"]')?.textContent?.trim() ?? "",
        figure: own.map((n) => n.textContent).join(""),
        percent: change?.querySelector(".change__percent")?.textContent?.trim() ?? "",
        text: change?.textContent ?? "",
        color: change ? getComputedStyle(change).color : "",
      };
    }),
  );

/** Checks every row against the API answer the page received for that currency. */
const expectChangesOf = async (page: Page, answers: Map<string, Detail>) => {
  const rows = await shownChanges(page);
  expect(rows.length).toBe(answers.size);
  for (const row of rows) {
    const detail = answers.get(row.code);
    if (!detail) throw new Error(`the board shows ${row.code} without having loaded it`);
    const unit = getCurrency(row.code)?.unit ?? 1;
    if (detail.change === null) {
      expect(row.className).toBe("change change--flat");
      expect(row.text).toBe("데이터 부족");
      continue;
    }
    const rate = detail.current_rate * unit;
    const change = detail.change * unit;
    const direction = shownDirectionOf(change, rate);
    // Sign and colour follow the API's sign; a change too small for the rate's decimals is flat.
    if (direction === "up") expect(detail.change).toBeGreaterThan(0);
    if (direction === "down") expect(detail.change).toBeLessThan(0);
    expect(row.className).toBe(`change change--${direction}`);
    expect(row.arrow).toBe({ up: "▲", down: "▼", flat: "" }[direction]);
    expect(hueOf(row.color)).toBe(({ up: "red", down: "blue", flat: "neutral" } as const)[direction]);
    expect(row.figure).toBe(formatSignedRate(change, rate, "ko"));
    expect(Math.sign(parseShown(row.figure))).toBe({ up: 1, down: -1, flat: 0 }[direction]);
    expect(row.figure.startsWith("+")).toBe(direction === "up");
    expect(row.figure.startsWith("-")).toBe(direction === "down");
    const percent =
      detail.change_percent === null ? "" : `(${formatSignedPercent(detail.change_percent, "ko")})`;
    expect(row.percent).toBe(percent);
  }
};

/** Collects the page's own answers for /currencies/{code}; `read()` waits for every body. */
const recordCurrencyAnswers = (page: Page) => {
  const pending: Promise<[string, Detail]>[] = [];
  page.on("response", (r) => {
    const code = r.url().match(/\/api\/v1\/currencies\/([A-Z]{3})$/)?.[1];
    if (code && r.ok()) pending.push(r.json().then((body) => [code, body.data]));
  });
  return { read: async () => new Map(await Promise.all(pending)) };
};

/** Rewrites the change of each real answer to up, down, nothing or unknown, by turns. */
const DIRECTIONS: ((d: Detail) => Partial<Detail>)[] = [
  (d) => ({ change: d.current_rate * 0.0123, change_percent: 1.23 }),
  (d) => ({ change: -d.current_rate * 0.0456, change_percent: -4.56 }),
  () => ({ change: 0, change_percent: 0 }),
  () => ({ change: null, change_percent: null }),
];

describe("rates board", () => {
  test("the change column's sign, arrow and colour follow the API's change against yesterday", async () => {
    const page = await browser().page();
    const answers = recordCurrencyAnswers(page);
    await openHome(page, "ko");
    await expectChangesOf(page, await answers.read());
    await page.close();
  });

  test("rises are red with ▲ and +, falls blue with ▼ and -, no change and unknown change neither", async () => {
    const page = await browser().page();
    let turn = 0;
    await page.route(/\/api\/v1\/currencies\/[A-Z]{3}$/, async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      body.data = { ...body.data, ...DIRECTIONS[turn++ % DIRECTIONS.length]?.(body.data) };
      await route.fulfill({ response, json: body });
    });
    const answers = recordCurrencyAnswers(page);
    await openHome(page, "ko");
    expect(turn).toBeGreaterThanOrEqual(DIRECTIONS.length);
    const classes = new Set((await shownChanges(page)).map((row) => row.className));
    expect([...classes].sort()).toEqual(["change change--down", "change change--flat", "change change--up"]);
    await expectChangesOf(page, await answers.read());
    await page.close();
  });
});
