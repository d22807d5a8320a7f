import { describe, expect, test } from "bun:test";
import { buildRanking, rankCounts, sumCounts, totalOf } from "./ranking.ts";

describe("rankCounts", () => {
  test("orders by score, highest first, and leaves out countries without selections", () => {
    expect(rankCounts({ TH: 3, JP: 9, VN: 0, US: 5 })).toEqual([
      { rank: 1, country_code: "JP", score: 9 },
      { rank: 2, country_code: "US", score: 5 },
      { rank: 3, country_code: "TH", score: 3 },
    ]);
  });

  test("equal scores share a rank, the next rank skips, and ties are listed by country code", () => {
    expect(rankCounts({ VN: 4, JP: 7, TH: 4, FR: 4, US: 1 })).toEqual([
      { rank: 1, country_code: "JP", score: 7 },
      { rank: 2, country_code: "FR", score: 4 },
      { rank: 2, country_code: "TH", score: 4 },
      { rank: 2, country_code: "VN", score: 4 },
      { rank: 5, country_code: "US", score: 1 },
    ]);
  });

  test("the order does not depend on the order counts arrive in", () => {
    const a = rankCounts({ JP: 2, TH: 2, US: 2, GB: 1 });
    const b = rankCounts({ GB: 1, US: 2, TH: 2, JP: 2 });
    expect(a).toEqual(b);
  });
});

describe("buildRanking", () => {
  test("movement against the previous period: UP, DOWN, SAME and NEW", () => {
    const ranking = buildRanking({ JP: 10, TH: 8, US: 5, VN: 1 }, { TH: 20, JP: 10, US: 3 });
    expect(
      ranking.map(({ country_code, change, change_value, previous_rank }) => ({
        country_code,
        change,
        change_value,
        previous_rank,
      })),
    ).toEqual([
      { country_code: "JP", change: "UP", change_value: 1, previous_rank: 2 },
      { country_code: "TH", change: "DOWN", change_value: -1, previous_rank: 1 },
      { country_code: "US", change: "SAME", change_value: 0, previous_rank: 3 },
      { country_code: "VN", change: "NEW", change_value: 0, previous_rank: null },
    ]);
  });

  test("a country that dropped out of the previous ranking's top still compares with its old rank", () => {
    const [entry] = buildRanking({ GB: 1 }, { JP: 5, TH: 4, GB: 1 });
    expect(entry).toMatchObject({ rank: 1, change: "UP", change_value: 2, previous_rank: 3 });
  });

  test("percentages of a ranking add up to 100", () => {
    const ranking = buildRanking({ JP: 1, TH: 1, US: 1 }, {});
    expect(ranking.map((r) => r.percentage)).toEqual([33.34, 33.33, 33.33]);
  });

  test("sums and totals of count maps", () => {
    expect(sumCounts([{ JP: 1, TH: 2 }, { JP: 3 }, {}])).toEqual({ JP: 4, TH: 2 });
    expect(totalOf({ JP: 4, TH: 2 })).toBe(6);
  });
});
