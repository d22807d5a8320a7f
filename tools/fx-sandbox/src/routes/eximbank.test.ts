import { describe, expect, test } from "bun:test";
import { buildSandbox, EXIMBANK_PATH } from "../testing/sandbox-fixture.ts";

type Row = { result: number; cur_unit: string | null; deal_bas_r: string | null };

const ap01 = async (query: string, now: string, options: { apiKey?: string } = {}) => {
  const res = await buildSandbox(now, options).request(`${EXIMBANK_PATH}?${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Row[];
};

describe("Korea Eximbank AP01", () => {
  test("a business day after 11:00 KST lists the 23 AP01 currencies", async () => {
    const rows = await ap01("authkey=k&data=AP01&searchdate=20261127", "2026-11-27T03:00:00Z");
    expect(rows).toHaveLength(23);
    expect(rows.every((row) => row.result === 1)).toBe(true);
    expect(rows.map((row) => row.cur_unit)).toContain("JPY(100)");
  });

  test("a KST weekend answers [] even when it is still Friday in UTC", async () => {
    expect(await ap01("authkey=k&data=AP01", "2026-11-27T15:30:00Z")).toEqual([]);
    expect(await ap01("authkey=k&data=AP01&searchdate=20261129", "2026-11-30T03:00:00Z")).toEqual([]);
  });

  test("today before 11:00 KST and future dates answer []", async () => {
    expect(await ap01("authkey=k&data=AP01&searchdate=20261127", "2026-11-27T01:59:00Z")).toEqual([]);
    expect(await ap01("authkey=k&data=AP01&searchdate=20261130", "2026-11-27T03:00:00Z")).toEqual([]);
  });

  test("today moves during the day; a past day is fixed at its close", async () => {
    const morning = await ap01("authkey=k&data=AP01", "2026-11-27T02:10:00Z");
    const afternoon = await ap01("authkey=k&data=AP01", "2026-11-27T06:10:00Z");
    expect(afternoon).not.toEqual(morning);
    const pastEarly = await ap01("authkey=k&data=AP01&searchdate=20261126", "2026-11-27T02:10:00Z");
    const pastLate = await ap01("authkey=k&data=AP01&searchdate=20261126", "2026-12-15T06:10:00Z");
    expect(pastLate).toEqual(pastEarly);
  });

  test("a missing or wrong auth key answers result 3", async () => {
    expect((await ap01("data=AP01", "2026-11-27T03:00:00Z"))[0]?.result).toBe(3);
    const wrong = await ap01("authkey=bad&data=AP01", "2026-11-27T03:00:00Z", { apiKey: "good" });
    expect(wrong).toEqual([expect.objectContaining({ result: 3, cur_unit: null })]);
    const right = await ap01("authkey=good&data=AP01", "2026-11-27T03:00:00Z", { apiKey: "good" });
    expect(right[0]?.result).toBe(1);
  });

  test("a data code other than AP01 answers result 2", async () => {
    expect((await ap01("authkey=k&data=AP02", "2026-11-27T03:00:00Z"))[0]?.result).toBe(2);
  });
});
