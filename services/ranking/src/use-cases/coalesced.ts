/**
 * Calls coalesced group-commit style: with no call in flight an item goes at once; items that arrive
 * while one is in flight wait and go together in the next call (at most `maxBatch` per call). Under load
 * this turns one sidecar call per request into one per round trip; alone, an item waits for nothing.
 * `runMany` answers one result per item, in order; when it throws, every item it carried fails.
 * @example const create = coalesced((records) => store.createSelections(records), 100); await create(r);
 */
export const coalesced = <I, O>(
  runMany: (items: readonly I[]) => Promise<readonly O[]>,
  maxBatch: number,
): ((item: I) => Promise<O>) => {
  const waiting: { item: I; resolve: (result: O) => void; reject: (err: unknown) => void }[] = [];
  let inFlight = false;

  const drain = async (): Promise<void> => {
    inFlight = true;
    while (waiting.length > 0) {
      const batch = waiting.splice(0, maxBatch);
      try {
        const results = await runMany(batch.map((w) => w.item));
        batch.forEach((w, i) => {
          w.resolve(results[i] as O);
        });
      } catch (err) {
        for (const w of batch) w.reject(err);
      }
    }
    inFlight = false;
  };

  return (item) =>
    new Promise((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      if (!inFlight) void drain();
    });
};

/**
 * Point reads coalesced into bulk reads (see `coalesced`); a key asked for twice in one batch is read once.
 * @example const lookup = batchedLookup((ids) => store.readSelections(ids), 100); await lookup.get(id);
 */
export const batchedLookup = <V>(
  readMany: (keys: readonly string[]) => Promise<ReadonlyMap<string, V>>,
  maxBatch: number,
) => ({
  get: coalesced(async (keys: readonly string[]) => {
    const found = await readMany([...new Set(keys)]);
    return keys.map((key) => found.get(key));
  }, maxBatch),
});
