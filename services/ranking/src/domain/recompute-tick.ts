/**
 * The tick a `cron-ranking` call belongs to: the UTC minute it fired in, e.g. `2026-11-27T03:04Z`.
 * Every replica's sidecar fires once a minute; the first replica to claim a tick's record recomputes,
 * the others skip, so there is one recomputation per minute however many replicas run.
 */
export const recomputeTickOf = (now: Date): string => `${now.toISOString().slice(0, 16)}Z`;
