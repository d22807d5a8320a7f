import { describe, expect, test } from "bun:test";
import { parseImageTags, renderImageTags, withTag } from "../../../scripts/ci/set-image-tags.ts";

describe("image tags file", () => {
  test("setting tags keeps the other apps' tags", () => {
    const current = { "currency-service": "aaa111", web: "bbb222" };
    expect(withTag(current, ["web", "ranking-service"], "ccc333")).toEqual({
      "currency-service": "aaa111",
      web: "ccc333",
      "ranking-service": "ccc333",
    });
  });

  test("rendering and parsing round-trip, apps in canonical order, values in chart shape", () => {
    const text = renderImageTags("staging", { web: "c0ffee", "currency-service": "abc123" });
    expect(text).toContain('apps:\n  currency-service:\n    image:\n      tag: "abc123"\n  web:');
    expect(parseImageTags(text)).toEqual({ "currency-service": "abc123", web: "c0ffee" });
  });

  test("an empty file renders as `apps: {}` and parses to no tags", () => {
    const text = renderImageTags("production", {});
    expect(text).toEndWith("apps: {}\n");
    expect(parseImageTags(text)).toEqual({});
  });

  test("rewriting the same tags changes nothing (no empty GitOps commits)", () => {
    const text = renderImageTags("staging", { "data-ingestor": "1234567" });
    expect(renderImageTags("staging", parseImageTags(text))).toBe(text);
  });

  test("unknown apps and invalid tags are refused", () => {
    expect(() => withTag({}, ["billing-service"], "abc")).toThrow("unknown app ids: billing-service");
    expect(() => withTag({}, ["web"], "")).toThrow("invalid image tag");
    expect(() => withTag({}, ["web"], "a b")).toThrow("invalid image tag");
    expect(() => parseImageTags("apps:\n  billing:\n    image:\n      tag: x\n")).toThrow(
      "unknown app billing",
    );
  });
});
