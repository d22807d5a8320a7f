// Loops over the state API that the contract tests share: etag-guarded increments and TTL polling.
import type { DaprStateClient } from "./dapr-state-client.ts";

const maxAttemptsPerIncrement = 200;

/**
 * Adds 1 to `{ count }` under `key`, `times` times, the way ranking-service updates a counter:
 * read with etag, write with If-Match semantics, re-read and retry on 409. Returns the conflicts seen.
 */
export async function incrementWithEtagRetries(client: DaprStateClient, key: string, times: number) {
  let conflicts = 0;
  for (let done = 0; done < times; done += 1) {
    for (let attempt = 1; ; attempt += 1) {
      if (attempt > maxAttemptsPerIncrement)
        throw new Error(`no increment of ${key} landed in ${attempt} tries`);
      const read = await client.get<{ count: number }>(key);
      if (!read.found) throw new Error(`${key} vanished`);
      const status = await client.save(key, { count: read.value.count + 1 }, { etag: read.etag });
      if (status === 204) break;
      if (status !== 409) throw new Error(`increment of ${key} answered ${status}`);
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
