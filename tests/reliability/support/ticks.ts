/** Tick keys of the scheduled jobs, as the services derive them, and delivering a tick like a sidecar does. */
import { type Answer, send } from "./client.ts";
import { tokens } from "./stack-env.ts";

/** data-ingestor: `cron-ingest:<start of the interval window>` (windows aligned to the Unix epoch). */
export const ingestTickKey = (at: Date, intervalSeconds: number): string => {
  const windowMs = intervalSeconds * 1000;
  return `cron-ingest:${new Date(Math.floor(at.getTime() / windowMs) * windowMs).toISOString()}`;
};

/** ranking-service: the UTC minute, `2026-11-27T03:04Z` (record `rankings||tick:<minute>`). */
export const rankingTick = (at: Date): string => `${at.toISOString().slice(0, 16)}Z`;

/** history-service: `hourly:<UTC hour>` for cron-analysis. */
export const analysisRunKey = (at: Date): string => `hourly:${at.toISOString().slice(0, 13)}`;

/** `POST /<binding>` with the app token — exactly what a replica's sidecar sends on a cron tick. */
export const deliverTick = (appUrl: string, binding: string): Promise<Answer> =>
  send(`${appUrl}/${binding}`, {
    method: "POST",
    headers: { "dapr-api-token": tokens().app },
    timeoutMs: 90_000,
  });

/** Delivers the same tick to every replica at once; resolves when all answered. */
export const tickAll = (appUrls: readonly string[], binding: string): Promise<Answer[]> =>
  Promise.all(appUrls.map((url) => deliverTick(url, binding)));
