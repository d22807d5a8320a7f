/**
 * The MariaDB schema of database `trip`, as ordered, versioned migrations.
 * Every statement is idempotent (IF NOT EXISTS), so two services starting at once apply them safely.
 * Add a change as a new entry with the next version; never edit an applied one.
 */
export interface Migration {
  version: number;
  name: string;
  statements: readonly string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "initial schema",
    statements: [
      `CREATE TABLE IF NOT EXISTS exchange_rates (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
        currency CHAR(3) NOT NULL,
        base CHAR(3) NOT NULL DEFAULT 'KRW',
        rate DECIMAL(20,8) NOT NULL,
        tts DECIMAL(20,8) NULL,
        ttb DECIMAL(20,8) NULL,
        unit INT NOT NULL DEFAULT 1,
        provider VARCHAR(32) NOT NULL,
        observed_at DATETIME(3) NOT NULL,
        collected_at DATETIME(3) NOT NULL,
        batch_id VARCHAR(64) NOT NULL,
        UNIQUE KEY uq_rate_observation (currency, provider, observed_at),
        KEY ix_rates_currency_time (currency, observed_at, rate),
        KEY ix_rates_batch (batch_id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`,
      `CREATE TABLE IF NOT EXISTS daily_stats (
        currency CHAR(3) NOT NULL,
        kst_date DATE NOT NULL,
        open DECIMAL(20,8) NOT NULL,
        high DECIMAL(20,8) NOT NULL,
        low DECIMAL(20,8) NOT NULL,
        close DECIMAL(20,8) NOT NULL,
        avg DECIMAL(20,8) NOT NULL,
        samples INT NOT NULL,
        first_at DATETIME(3) NOT NULL,
        last_at DATETIME(3) NOT NULL,
        updated_at DATETIME(3) NOT NULL,
        PRIMARY KEY (currency, kst_date)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`,
      `CREATE TABLE IF NOT EXISTS user_selections (
        selection_id VARCHAR(128) NOT NULL PRIMARY KEY,
        country CHAR(2) NOT NULL,
        currency CHAR(3) NOT NULL,
        user_hash VARCHAR(128) NULL,
        session_id VARCHAR(128) NULL,
        referrer VARCHAR(512) NULL,
        selected_at DATETIME(3) NOT NULL,
        kst_date DATE NOT NULL,
        KEY ix_selections_day_country (kst_date, country)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`,
      `CREATE TABLE IF NOT EXISTS ingest_runs (
        run_id VARCHAR(64) NOT NULL PRIMARY KEY,
        tick_key VARCHAR(96) NULL,
        trigger_kind VARCHAR(16) NOT NULL,
        provider VARCHAR(32) NOT NULL,
        status VARCHAR(16) NOT NULL,
        started_at DATETIME(3) NOT NULL,
        finished_at DATETIME(3) NULL,
        inserted INT NOT NULL DEFAULT 0,
        skipped INT NOT NULL DEFAULT 0,
        rejected INT NOT NULL DEFAULT 0,
        error VARCHAR(1024) NULL,
        UNIQUE KEY uq_ingest_tick (tick_key),
        KEY ix_ingest_started (started_at)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`,
    ],
  },
  {
    version: 10,
    name: "ingest_runs: what each run observed, stored and published",
    statements: [
      `ALTER TABLE ingest_runs
        ADD COLUMN IF NOT EXISTS fetched INT NOT NULL DEFAULT 0,
        ADD COLUMN IF NOT EXISTS observed_at DATETIME(3) NULL,
        ADD COLUMN IF NOT EXISTS batch_id VARCHAR(64) NULL,
        ADD COLUMN IF NOT EXISTS published TINYINT(1) NOT NULL DEFAULT 0,
        ADD COLUMN IF NOT EXISTS note VARCHAR(512) NULL`,
      "CREATE INDEX IF NOT EXISTS ix_ingest_trigger_started ON ingest_runs (trigger_kind, started_at)",
      "CREATE INDEX IF NOT EXISTS ix_ingest_status_started ON ingest_runs (status, started_at)",
    ],
  },
  {
    // history-service: the ledger of its hourly analysis job. `run_key` is the idempotency key of one
    // tick (e.g. `hourly:2026-11-27T03`), `to_id` the highest exchange_rates.id folded into daily_stats.
    version: 20,
    name: "history analysis runs",
    statements: [
      `CREATE TABLE IF NOT EXISTS analysis_runs (
        run_key VARCHAR(96) NOT NULL PRIMARY KEY,
        trigger_kind VARCHAR(16) NOT NULL,
        status VARCHAR(16) NOT NULL,
        started_at DATETIME(3) NOT NULL,
        finished_at DATETIME(3) NULL,
        from_id BIGINT UNSIGNED NOT NULL DEFAULT 0,
        to_id BIGINT UNSIGNED NOT NULL DEFAULT 0,
        days_updated INT NOT NULL DEFAULT 0,
        error VARCHAR(1024) NULL,
        KEY ix_analysis_status_to (status, to_id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`,
    ],
  },
];
