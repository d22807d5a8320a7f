import type { SqlDatabase } from "../dapr/sql.ts";
import type { Logger } from "../logger.ts";
import { MIGRATIONS, type Migration } from "./migrations.ts";

const CREATE_LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INT NOT NULL PRIMARY KEY,
  name VARCHAR(128) NOT NULL,
  applied_at DATETIME(3) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`;

/**
 * Applies pending migrations through the SQL binding and records them in `schema_migrations`.
 * Safe to run from every service and replica at start: statements are idempotent and the ledger
 * insert ignores a version another process recorded first. Returns the versions this call applied.
 * @example await applyMigrations(sidecar.sql("trip-db"), log, clock.now());
 */
export const applyMigrations = async (
  db: SqlDatabase,
  log: Logger,
  now: Date,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> => {
  await db.exec(CREATE_LEDGER);
  const rows = await db.query<{ version: number | string }>("SELECT version FROM schema_migrations");
  const applied = new Set(rows.map((r) => Number(r.version)));
  const done: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(migration.version)) continue;
    for (const statement of migration.statements) await db.exec(statement);
    await db.exec("INSERT IGNORE INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)", [
      migration.version,
      migration.name,
      now,
    ]);
    log.info("migration applied", { version: migration.version, name: migration.name });
    done.push(migration.version);
  }
  return done;
};

/**
 * Keeps trying to apply migrations until the database answers (the sidecar or MariaDB may start later
 * than the app). Resolves once applied; never throws.
 */
export const applyMigrationsWhenReady = async (
  db: SqlDatabase,
  log: Logger,
  clock: { now(): Date },
  retryMs = 2000,
): Promise<void> => {
  for (;;) {
    try {
      await applyMigrations(db, log, clock.now());
      return;
    } catch (err) {
      log.warn("migrations not applied yet; retrying", { err });
      await new Promise((r) => setTimeout(r, retryMs));
    }
  }
};
