import { describe, expect, test } from "bun:test";
import { recomputeRanking } from "./support/api.ts";
import { browserForFile, parseShown, settled, WEB } from "./support/browser.ts";
import { chooseTarget, shownScore } from "./support/ranking.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const browser = browserForFile();

const selectionPosts = (r: { url(): string; request(): { method(): string } }) =>
  r.url().endsWith("/api/v1/rankings/selections") && r.request().method() === "POST";

describe("home", () => {
  test(
    "a destination searched by its Korean name and picked with the keyboard shows up in the ranking",
    async () => {
      const target = await chooseTarget();
      const page = await browser().page();
      await page.goto(`${WEB}/`);
      await settled(page);
      const before = await shownScore(page, target.code);

      const search = page.getByRole("combobox", { name: "여행지 검색" });
      await search.fill(target.nameKo);
      const activeId = await search.getAttribute("aria-activedescendant");
      expect(await page.locator(`[id="${activeId}"]`).innerText()).toContain(target.nameKo);
      const posted = page.waitForResponse(selectionPosts);
      await search.press("Enter");
      const response = await posted;
      expect(response.status()).toBe(201);
      const sent = JSON.parse(response.request().postData() ?? "{}");
      expect(sent).toMatchObject({ country_code: target.code });
      expect(sent.selection_id).toMatch(UUID);
      expect(sent.session_id).toMatch(UUID);
      await page.waitForURL(`**/destinations/${target.code}`);

      // The snapshot is recomputed every minute by cron; the admin route only makes the test quicker.
      const deadline = Date.now() + 100_000;
      let after = before;
      while (after <= before && Date.now() < deadline) {
        await recomputeRanking();
        await page.goto(`${WEB}/`);
        await settled(page);
        after = await shownScore(page, target.code);
        if (after <= before) await page.waitForTimeout(5000);
      }
      expect(after).toBeGreaterThanOrEqual(before + 1);
      await page.close();
    },
    { timeout: 150_000 },
  );

  test("search finds English names and codes, and a click picks the destination", async () => {
    const page = await browser().page(390);
    await page.goto(`${WEB}/`);
    const search = page.getByRole("combobox", { name: "여행지 검색" });
    await search.fill("japan");
    await expect(page.getByRole("option").first().innerText()).resolves.toContain("일본");
    await search.fill("TH");
    await expect(page.getByRole("option", { name: /태국/ }).count()).resolves.toBe(1);
    const posted = page.waitForResponse(selectionPosts);
    await page.getByRole("option", { name: /태국/ }).click();
    expect((await posted).status()).toBe(201);
    await page.waitForURL("**/destinations/TH");
    await expect(page.getByRole("heading", { level: 1 }).innerText()).resolves.toContain("태국");
    await page.close();
  });

  test("a pick whose first attempt fails is retried with the same selection id", async () => {
    const page = await browser().page();
    const ids: string[] = [];
    let failedOnce = false;
    await page.route("**/api/v1/rankings/selections", async (route) => {
      ids.push(JSON.parse(route.request().postData() ?? "{}").selection_id);
      if (failedOnce) return route.continue();
      failedOnce = true;
      return route.fulfill({
        status: 503,
        contentType: "application/json",
        body: '{"success":false,"error":{"code":"INTERNAL_ERROR","message":"x"}}',
      });
    });
    await page.goto(`${WEB}/`);
    const created = page.waitForResponse(
      (r) => r.url().endsWith("/api/v1/rankings/selections") && r.status() === 201,
    );
    await page.getByRole("combobox", { name: "여행지 검색" }).fill("베트남");
    await page.keyboard.press("Enter");
    await created;
    expect(ids.length).toBe(2);
    expect(ids[0]).toMatch(UUID);
    expect(ids[1]).toBe(ids[0] as string);
    await page.close();
  });

  test("the rates board shows KRW per unit, per 100 for JPY and IDR, exactly as the API reported", async () => {
    const page = await browser().page();
    const codes = ["USD", "JPY", "IDR"];
    const answers = codes.map((code) =>
      page.waitForResponse((r) => r.url().endsWith(`/api/v1/currencies/${code}`) && r.ok()),
    );
    await page.goto(`${WEB}/`);
    await settled(page);
    for (const [i, code] of codes.entries()) {
      const answer = await answers[i];
      if (!answer) throw new Error(`the page did not load ${code}`);
      const detail = (await answer.json()).data;
      const row = page.locator(`[data-testid="rates-board"] tr[data-currency="${code}"]`);
      const unit = code === "USD" ? 1 : 100;
      expect(await row.locator("th").innerText()).toContain(unit === 100 ? `${code} 100` : code);
      const shown = parseShown(await row.locator("td").first().innerText());
      expect(shown).toBe(Number((detail.current_rate * unit).toFixed(2)));
    }
    await page.close();
  });
});
