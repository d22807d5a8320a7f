/**
 * Remembers up to `limit` computed values for the current version; a new version forgets them all.
 * @example const memo = perVersionMemo<Body>(32); memo.get(book.version, "KRW|*", () => build(book));
 */
export const perVersionMemo = <T>(limit: number) => {
  let version = -1;
  const values = new Map<string, T>();
  return {
    get(currentVersion: number, key: string, compute: () => T): T {
      if (currentVersion !== version) {
        values.clear();
        version = currentVersion;
      }
      const known = values.get(key);
      if (known !== undefined) return known;
      const value = compute();
      if (values.size < limit) values.set(key, value);
      return value;
    },
  };
};
