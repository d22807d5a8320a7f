import { describe, expect, test } from "bun:test";
import { newUuid, SESSION_KEY, sessionIdFrom } from "./client-ids.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const memoryStorage = () => {
  const data = new Map<string, string>();
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => data.set(k, v),
    data,
  };
};

describe("client ids", () => {
  test("ids are v4 UUIDs and differ", () => {
    const a = newUuid();
    expect(a).toMatch(UUID);
    expect(newUuid()).not.toBe(a);
  });

  test("the fallback without randomUUID still makes v4 UUIDs", () => {
    const original = crypto.randomUUID;
    Object.defineProperty(crypto, "randomUUID", { value: undefined, configurable: true });
    try {
      expect(newUuid()).toMatch(UUID);
    } finally {
      Object.defineProperty(crypto, "randomUUID", { value: original, configurable: true });
    }
  });

  test("the session id is created once and then reused", () => {
    const storage = memoryStorage();
    const first = sessionIdFrom(storage);
    expect(sessionIdFrom(storage)).toBe(first);
    expect(storage.data.get(SESSION_KEY)).toBe(first);
  });
});
