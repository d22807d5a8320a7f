import { describe, expect, test } from "bun:test";
import { clientAddressOf, selectionRateRules } from "./client-identity.ts";

describe("clientAddressOf", () => {
  test("X-Forwarded-For is ignored unless proxy hops are trusted", () => {
    expect(clientAddressOf("203.0.113.9", "10.0.0.1", 0)).toBe("10.0.0.1");
  });

  test("with one trusted hop the client is the address that proxy appended (rightmost)", () => {
    expect(clientAddressOf("1.1.1.1, 203.0.113.9", "10.0.0.1", 1)).toBe("203.0.113.9");
  });

  test("with two trusted hops the client is the second from the right; a forged prefix is ignored", () => {
    expect(clientAddressOf("6.6.6.6, 203.0.113.9, 10.1.1.1", "10.0.0.1", 2)).toBe("203.0.113.9");
  });

  test("no header or no peer still yields a key", () => {
    expect(clientAddressOf(undefined, "10.0.0.1", 1)).toBe("10.0.0.1");
    expect(clientAddressOf(undefined, undefined, 0)).toBe("unknown");
  });
});

describe("selectionRateRules", () => {
  const limits = { perAddress: 60, perClient: 20 };
  test("address only when no user or session is given", () => {
    expect(selectionRateRules("1.2.3.4", null, null, limits)).toEqual([{ key: "ip:1.2.3.4", limit: 60 }]);
  });
  test("user (by hash) and session add their own limits", () => {
    expect(selectionRateRules("1.2.3.4", "abc", "s-1", limits)).toEqual([
      { key: "ip:1.2.3.4", limit: 60 },
      { key: "user:abc", limit: 20 },
      { key: "session:s-1", limit: 20 },
    ]);
  });
});
