import { describe, expect, test } from "bun:test";
import { ApiError } from "./api-client.ts";
import type { SelectionInput } from "./endpoints.ts";
import { recordSelection } from "./record-selection.ts";

const noSleep = async () => {};

describe("recordSelection", () => {
  test("retries a failed call with the same selection id", async () => {
    const sent: SelectionInput[] = [];
    const post = async (s: SelectionInput) => {
      sent.push(s);
      if (sent.length < 3) throw new ApiError(503, "INTERNAL_ERROR", "busy");
    };
    await recordSelection("JP", { post, selectionId: "sel-1", sessionId: "ses-1", sleep: noSleep });
    expect(sent.length).toBe(3);
    expect(new Set(sent.map((s) => s.selection_id))).toEqual(new Set(["sel-1"]));
    expect(sent[0]).toMatchObject({ country_code: "JP", session_id: "ses-1" });
  });

  test("a rate limit is final and reported", async () => {
    let calls = 0;
    const post = async () => {
      calls++;
      throw new ApiError(429, "RATE_LIMIT_EXCEEDED", "slow down");
    };
    const outcome = recordSelection("JP", { post, selectionId: "s", sessionId: "t", sleep: noSleep });
    await expect(outcome).rejects.toMatchObject({ code: "RATE_LIMIT_EXCEEDED" });
    expect(calls).toBe(1);
  });

  test("gives up after the last attempt", async () => {
    let calls = 0;
    const post = async () => {
      calls++;
      throw new ApiError(0, "NETWORK_ERROR", "offline");
    };
    const outcome = recordSelection("TH", {
      post,
      selectionId: "s",
      sessionId: "t",
      sleep: noSleep,
      attempts: 2,
    });
    await expect(outcome).rejects.toBeInstanceOf(ApiError);
    expect(calls).toBe(2);
  });
});
