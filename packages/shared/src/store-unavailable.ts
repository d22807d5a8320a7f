import { DaprError } from "./dapr/errors.ts";
import type { SqlDatabase } from "./dapr/sql.ts";
import { AppError } from "./errors.ts";

/** The kinds of store a service depends on, each with the contract's 503 code. */
const UNAVAILABLE_CODE = {
  cache: "CACHE_UNAVAILABLE",
  database: "DATABASE_UNAVAILABLE",
} as const;

export type StoreKind = keyof typeof UNAVAILABLE_CODE;

/**
 * The contract's 503 for a store (or the sidecar in front of it) that did not answer: CACHE_UNAVAILABLE
 * or DATABASE_UNAVAILABLE. The cause is logged by the shared `onError`, never sent.
 * @example throw storeUnavailable("database", "The rate database is not reachable", { details: { cache: "up" } });
 */
export const storeUnavailable = (
  store: StoreKind,
  message: string,
  options: { details?: Record<string, unknown>; cause?: unknown } = {},
): AppError => new AppError(UNAVAILABLE_CODE[store], message, options.details, { cause: options.cause });

/**
 * Runs store work; a sidecar or store failure (`DaprError`) becomes `storeUnavailable(store, message)`.
 * Every other error passes unchanged.
 * @example const ranking = await guardStore("database", "The ranking store is not available", () => read());
 */
export const guardStore = async <T>(
  store: StoreKind,
  message: string,
  work: () => Promise<T>,
): Promise<T> => {
  try {
    return await work();
  } catch (err) {
    if (err instanceof DaprError) throw storeUnavailable(store, message, { cause: err });
    throw err;
  }
};

/**
 * The SQL port with every call guarded: MariaDB (or the sidecar before it) not answering is the
 * contract's 503 DATABASE_UNAVAILABLE.
 * @example const db = guardedSqlDatabase(sqlDatabase(binding), "The rate history database is not available");
 */
export const guardedSqlDatabase = (db: SqlDatabase, message: string): SqlDatabase => ({
  query: (sql, params) => guardStore("database", message, () => db.query(sql, params)),
  exec: (sql, params) => guardStore("database", message, () => db.exec(sql, params)),
});
