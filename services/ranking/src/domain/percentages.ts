/**
 * Each score's share of the total in percent with two decimals, rounded by largest remainder so the shares
 * add up to exactly 100.00 (any non-zero total). Ties in the remainder go to the earlier score, so the
 * result is deterministic for a ranked list.
 * @example percentagesOf([1, 1, 1]) // [33.34, 33.33, 33.33]
 */
export const percentagesOf = (scores: readonly number[]): number[] => {
  const total = scores.reduce((sum, score) => sum + score, 0);
  if (total <= 0) return scores.map(() => 0);
  const HUNDREDTHS = 10_000;
  const exact = scores.map((score) => (score * HUNDREDTHS) / total);
  const floors = exact.map(Math.floor);
  let left = HUNDREDTHS - floors.reduce((sum, f) => sum + f, 0);
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (left <= 0) break;
    floors[index] = (floors[index] ?? 0) + 1;
    left -= 1;
  }
  return floors.map((hundredths) => hundredths / 100);
};
