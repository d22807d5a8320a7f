import { describe, expect, test } from "bun:test";
import { en } from "./messages-en.ts";
import { ko } from "./messages-ko.ts";
import { isLocale, translate } from "./translate.ts";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("translate", () => {
  test("fills placeholders in the chosen language", () => {
    expect(translate("ko", "ranking.rank", { rank: 3 })).toBe("3위");
    expect(translate("en", "ranking.rank", { rank: 3 })).toBe("#3");
  });

  test("leaves a placeholder without a value visible", () => {
    expect(translate("en", "card.updated")).toBe("Updated {time}");
  });

  test("every English message uses the same placeholders as its Korean original", () => {
    for (const key of Object.keys(ko) as (keyof typeof ko)[]) {
      expect({ key, names: placeholders(en[key]) }).toEqual({ key, names: placeholders(ko[key]) });
    }
  });

  test("the two languages differ for the visible labels", () => {
    expect(translate("ko", "ranking.title")).not.toBe(translate("en", "ranking.title"));
    expect(translate("ko", "lang.switch")).toBe("English");
  });

  test("only ko and en are locales", () => {
    expect(isLocale("ko")).toBe(true);
    expect(isLocale("ja")).toBe(false);
  });
});
