import { describe, expect, test } from "bun:test";
import { incomingRequestContext } from "./context.ts";
import { ok, okJson } from "./envelope.ts";

describe("okJson", () => {
  test("is the envelope `ok` gives, key for key, around data serialised beforehand", () => {
    const now = new Date("2026-11-27T03:00:00.123Z");
    const data = { base: "KRW", rates: { USD: 1394.55621038 }, note: 'quote " and \\ slash' };
    expect(okJson(JSON.stringify(data), now)).toBe(JSON.stringify(ok(data, now)));
  });
});

describe("incomingRequestContext", () => {
  const TRACEPARENT = /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/;
  test("keeps a sane correlation id and a valid traceparent as sent", () => {
    const sent = `00-${"a".repeat(32)}-${"b".repeat(16)}-01`;
    const ctx = incomingRequestContext("corr-12345", sent);
    expect(ctx.correlationId).toBe("corr-12345");
    expect(ctx.traceparent).toBe(sent);
  });
  test("starts a new trace when none or a malformed one is sent, the same one on every read", () => {
    const ctx = incomingRequestContext("no", "00-zz");
    expect(ctx.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    const first = ctx.traceparent;
    expect(first).toMatch(TRACEPARENT);
    expect(first?.slice(3, 35)).not.toBe("0".repeat(32));
    expect(ctx.traceparent).toBe(first);
    expect(incomingRequestContext(undefined, undefined).traceparent).not.toBe(first);
  });
});
