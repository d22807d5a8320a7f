/**
 * A selection load of well-behaved clients: each client owns one selection_id and retries it until it
 * gets a 201 — after a network error or 5xx at once (briefly backing off), after a 429 when
 * `Retry-After` says. Every 201 is kept, so the caller can compare counts with what was accepted.
 */
import { postJson } from "./client.ts";

export interface LoadOptions {
  url: string;
  selections: number;
  countries: readonly string[];
  /** Prefix of the generated selection ids (kept unique per run). */
  idPrefix: string;
  /** Client starts are spread evenly over this time. */
  spreadMs: number;
  /** No new attempt after this many ms from the start. */
  deadlineMs: number;
}

export interface LoadResult {
  /** selection_id → country, for every selection that got a 201. */
  accepted: Map<string, string>;
  /** Selections still without a 201 at the deadline (each may or may not be counted). */
  unresolved: Map<string, string>;
  attempts: number;
  /** Attempts answered by a network error or a 5xx, each retried with the same selection_id. */
  failedAttempts: number;
  rateLimited: number;
  /** Answers that broke the contract (unexpected status, a 201 for another id). */
  violations: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const runSelectionLoad = async (options: LoadOptions): Promise<LoadResult> => {
  const started = Date.now();
  const result: LoadResult = {
    accepted: new Map(),
    unresolved: new Map(),
    attempts: 0,
    failedAttempts: 0,
    rateLimited: 0,
    violations: [],
  };
  const client = async (index: number) => {
    await sleep((options.spreadMs * index) / Math.max(1, options.selections));
    const id = `${options.idPrefix}-${index}`;
    const country = options.countries[index % options.countries.length] as string;
    while (Date.now() - started < options.deadlineMs) {
      result.attempts += 1;
      const answer = await postJson(
        `${options.url}/api/v1/rankings/selections`,
        { country_code: country, selection_id: id, session_id: `${options.idPrefix}-session-${index % 7}` },
        {},
      );
      if (answer.status === 201) {
        if (answer.json?.data?.selection_id !== id || answer.json?.data?.country_code !== country)
          result.violations.push(`201 for ${id} carried ${answer.text.slice(0, 200)}`);
        result.accepted.set(id, country);
        return;
      }
      if (answer.status === 429) {
        result.rateLimited += 1;
        const wait = Number(answer.headers.get("retry-after") ?? "1");
        await sleep(Math.max(1, wait) * 1000);
        continue;
      }
      if (answer.status === 0 || answer.status >= 500) {
        result.failedAttempts += 1;
        await sleep(250);
        continue;
      }
      result.violations.push(`${id}: unexpected ${answer.status} ${answer.text.slice(0, 200)}`);
      return;
    }
    result.unresolved.set(id, country);
  };
  await Promise.all(Array.from({ length: options.selections }, (_, i) => client(i)));
  return result;
};

/** Accepted selections per country. */
export const countsByCountry = (selections: ReadonlyMap<string, string>): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const country of selections.values()) counts.set(country, (counts.get(country) ?? 0) + 1);
  return counts;
};
