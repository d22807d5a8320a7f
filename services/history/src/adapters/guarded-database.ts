import { AppError, DaprError, type SqlDatabase } from "@trip/shared";

/**
 * The SQL port with one failure mapping: when the sidecar or MariaDB behind it does not answer, callers
 * get the contract's 503 DATABASE_UNAVAILABLE (the cause is logged, never sent).
 */
export const guardedDatabase = (db: SqlDatabase): SqlDatabase => {
  const guard = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (err) {
      if (err instanceof DaprError) {
        throw new AppError("DATABASE_UNAVAILABLE", "The rate history database is not available", undefined, {
          cause: err,
        });
      }
      throw err;
    }
  };
  return {
    query: (sql, params) => guard(() => db.query(sql, params)),
    exec: (sql, params) => guard(() => db.exec(sql, params)),
  };
};
