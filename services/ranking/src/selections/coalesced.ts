/**
 * Point reads coalesced into bulk reads, group-commit style: with no read in flight a key is read at
 * once; keys asked for while one is in flight wait and go together in the next bulk read (at most
 * `maxBatch` per read). Under load this turns one sidecar call per request into one per round trip;
 * alone, a key waits for nothing.
 * @example const lookup = batchedLookup((ids) => store.readSelections(ids), 100); await lookup.get(id);
 */
export const batchedLookup = <V>(
  readMany: (keys: readonly string[]) => Promise<ReadonlyMap<string, V>>,
  maxBatch: number,
) => {
  const waiting: { key: string; resolve: (value: V | undefined) => void; reject: (err: unknown) => void }[] =
    [];
  let inFlight = false;

  const drain = async (): Promise<void> => {
    inFlight = true;
    while (waiting.length > 0) {
      const batch = waiting.splice(0, maxBatch);
      try {
        const found = await readMany([...new Set(batch.map((w) => w.key))]);
        for (const w of batch) w.resolve(found.get(w.key));
      } catch (err) {
        for (const w of batch) w.reject(err);
      }
    }
    inFlight = false;
  };

  return {
    get(key: string): Promise<V | undefined> {
      return new Promise((resolve, reject) => {
        waiting.push({ key, resolve, reject });
        if (!inFlight) void drain();
      });
    },
  };
};
