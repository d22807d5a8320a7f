/**
 * Exactly once per tick across replicas. Every replica's sidecar fires `cron-ingest`; each handler
 * derives the same key from the window the tick falls in, and the INSERT of the run row (UNIQUE
 * `tick_key`) lets exactly one of them proceed.
 */

/** Start of the `intervalSeconds` window `now` falls in (windows are aligned to the Unix epoch). */
export const tickWindowStart = (now: Date, intervalSeconds: number): Date => {
  const windowMs = intervalSeconds * 1000;
  return new Date(Math.floor(now.getTime() / windowMs) * windowMs);
};

/**
 * @example tickKeyOf("cron-ingest", new Date("2026-11-27T12:45:59Z"), 120) // "cron-ingest:2026-11-27T12:44:00.000Z"
 */
export const tickKeyOf = (binding: string, now: Date, intervalSeconds: number): string =>
  `${binding}:${tickWindowStart(now, intervalSeconds).toISOString()}`;

/**
 * When the next scheduled run should come: the last cron run's start plus whole intervals (the cron keeps
 * its phase), or the next window boundary when no cron run is known. An estimate: with several replicas
 * the earliest sidecar wins each tick.
 */
export const nextScheduledRun = (
  now: Date,
  lastCronStart: Date | undefined,
  intervalSeconds: number,
): Date => {
  const windowMs = intervalSeconds * 1000;
  if (!lastCronStart) return new Date(tickWindowStart(now, intervalSeconds).getTime() + windowMs);
  const behind = now.getTime() - lastCronStart.getTime();
  const periods = behind < 0 ? 1 : Math.floor(behind / windowMs) + 1;
  return new Date(lastCronStart.getTime() + periods * windowMs);
};
