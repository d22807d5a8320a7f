import type { SqlDatabase, SqlParam } from "@trip/shared";

/** A SqlDatabase that records every statement and answers from a queue, as the binding would. */
export const fakeSql = (
  answers: Array<Record<string, unknown>[] | { rowsAffected: number } | Error> = [],
) => {
  const calls: Array<{ kind: "query" | "exec"; sql: string; params: readonly SqlParam[] }> = [];
  const next = () => {
    const answer = answers.shift();
    if (answer instanceof Error) throw answer;
    return answer;
  };
  const db: SqlDatabase = {
    async query<T>(sql: string, params: readonly SqlParam[] = []) {
      calls.push({ kind: "query", sql, params });
      const answer = next();
      return (Array.isArray(answer) ? answer : []) as T[];
    },
    async exec(sql, params = []) {
      calls.push({ kind: "exec", sql, params });
      const answer = next();
      return answer && !Array.isArray(answer) ? answer : { rowsAffected: 0 };
    },
  };
  return { db, calls };
};
