export type Change = "UP" | "DOWN" | "SAME" | "NEW";

export interface Movement {
  change: Change;
  /** previous_rank − rank: positive when the country climbed, negative when it fell, 0 when SAME or NEW. */
  change_value: number;
  previous_rank: number | null;
}

/**
 * How a rank moved against the previous period's final ranking. A country absent from the previous
 * ranking (no selections then) is NEW.
 */
export const movementOf = (rank: number, previousRank: number | undefined): Movement => {
  if (previousRank === undefined) return { change: "NEW", change_value: 0, previous_rank: null };
  const delta = previousRank - rank;
  return {
    change: delta > 0 ? "UP" : delta < 0 ? "DOWN" : "SAME",
    change_value: delta,
    previous_rank: previousRank,
  };
};
