/**
 * Creates `.run/secrets.json`, the local Dapr secret store (secretstores.local.file), with random tokens.
 * Existing values are kept, so running it again changes nothing; keys added later are filled in.
 * `mysql-dsn` is always derived from `mariadb-password`, so the two can never disagree.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

const RANDOM_KEYS = [
  "dapr-api-token",
  "app-api-token",
  "admin-token",
  "user-hash-salt",
  "redis-password",
  "mariadb-password",
  "fx-api-key",
] as const;

/** 32 random characters from [A-Za-z0-9]: safe inside a DSN, a redis.conf line and an HTTP header. */
export function randomToken(length = 32): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  const bytes = crypto.getRandomValues(new Uint8Array(length * 2));
  let token = "";
  for (const byte of bytes) {
    // 248 = 4 * 62: rejecting the rest keeps every character equally likely.
    if (byte < 248 && token.length < length) token += alphabet[byte % 62];
  }
  return token.length === length ? token : randomToken(length);
}

/**
 * go-sql-driver DSN for bindings.mysql. The binding forces parseTime on; `loc=UTC` and the session
 * `time_zone` keep DATETIME values in UTC both ways.
 */
export function mysqlDsn(password: string): string {
  return `trip:${password}@tcp(127.0.0.1:3307)/trip?charset=utf8mb4&loc=UTC&time_zone=%27%2B00%3A00%27&timeout=5s&readTimeout=30s&writeTimeout=30s`;
}

export function ensureSecrets(file: string): { created: string[] } {
  const current: Record<string, string> = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  const created: string[] = [];
  for (const key of RANDOM_KEYS) {
    if (!current[key]) {
      current[key] = randomToken();
      created.push(key);
    }
  }
  const dsn = mysqlDsn(current["mariadb-password"] ?? "");
  if (current["mysql-dsn"] !== dsn) {
    current["mysql-dsn"] = dsn;
    created.push("mysql-dsn");
  }
  if (created.length > 0) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(current, null, 2)}\n`, { mode: 0o600 });
  }
  chmodSync(file, 0o600);
  return { created };
}

if (import.meta.main) {
  const file = resolve(process.argv[2] ?? ".run/secrets.json");
  const { created } = ensureSecrets(file);
  console.log(
    created.length > 0 ? `secrets: wrote ${created.join(", ")} to ${file}` : `secrets: ${file} up to date`,
  );
}
