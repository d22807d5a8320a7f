// Loops over the state API that the contract tests share: etag-guarded increments and TTL polling.
import type { DaprStateClient } from "./dapr-state-client.ts";

const maxAttemptsPerIncrement = 200;

/**
 * Adds 1 to `{ count }` under `key`, `times` times, the way ranking-service updates a counter: read
 * with etag, write with that etag, re-read and retry on 409. A missing key is created with
 * first-write concurrency; a create that loses to another one is answered 409 or 500 depending on the
 * store (see docs/mongodb.md), so any refusal of a create is retried. Returns the conflicts seen.
 */
export async function incrementWithEtagRetries(client: DaprStateClient, key: string, times: number) {
  let conflicts = 0;
  for (let done = 0; done < times; done += 1) {
    for (let attempt = 1; ; attempt += 1) {
      if (attempt > maxAttemptsPerIncrement)
        throw new Error(`no increment of ${key} landed in ${attempt} tries`);
      const read = await client.get<{ count: number }>(key);
      const status = read.found
        ? await client.save(key, { count: read.value.count + 1 }, { etag: read.etag })
        : await client.save(key, { count: 1 }, { concurrency: "first-write" });
      if (status === 204) break;
      if (read.found && status !== 409) throw new Error(`increment of ${key} answered ${status}`);
      conflicts += 1;
    }
  }
  return conflicts;
}

/** Polls until the key reads as not found; false when it is still there after `timeoutMs`. */
export async function waitUntilGone(client: DaprStateClient, key: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!(await client.get(key)).found) return true;
    await Bun.sleep(250);
  }
  return false;
}
