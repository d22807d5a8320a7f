/** The mariadb client against scratch databases (`trip_*`, granted to user `trip`) — tests only. */
import { STACK, secrets } from "../../support/stack.ts";

const client = (database: string | undefined, extra: string[]) => {
  const { mariadb: db } = STACK;
  return [
    "mariadb",
    ...["-h", db.host, "-P", String(db.port), "-u", db.user, `-p${secrets()["mariadb-password"]}`],
    ...extra,
    ...(database ? [database] : []),
  ];
};

/** Runs SQL; rows as arrays of strings (NULL as "NULL"). */
export const scratchQuery = (database: string | undefined, sql: string): string[][] => {
  const proc = Bun.spawnSync([...client(database, ["-N", "-B"]), "-e", sql], {
    stdout: "pipe",
    stderr: "pipe",
  });
  if (proc.exitCode !== 0) throw new Error(`mariadb failed: ${proc.stderr.toString()}`);
  const out = proc.stdout.toString().trim();
  return out === "" ? [] : out.split("\n").map((line) => line.split("\t"));
};

/** Feeds a script (e.g. generated INSERTs) through stdin. */
export const scratchScript = (database: string, sql: string): void => {
  const proc = Bun.spawnSync(client(database, []), {
    stdin: Buffer.from(sql),
    stdout: "pipe",
    stderr: "pipe",
  });
  if (proc.exitCode !== 0) throw new Error(`mariadb failed: ${proc.stderr.toString()}`);
};

/** `mysqldump` of some tables of a database into a file, as an operator would take it. */
export const dumpTables = (database: string, tables: readonly string[], file: string): void => {
  const { mariadb: db } = STACK;
  const proc = Bun.spawnSync(
    [
      "mysqldump",
      ...["-h", db.host, "-P", String(db.port), "-u", db.user, `-p${secrets()["mariadb-password"]}`],
      "--single-transaction",
      "--skip-lock-tables",
      database,
      ...tables,
    ],
    { stdout: Bun.file(file), stderr: "pipe" },
  );
  if (proc.exitCode !== 0) throw new Error(`mysqldump failed: ${proc.stderr.toString()}`);
};
