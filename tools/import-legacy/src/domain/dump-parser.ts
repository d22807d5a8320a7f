/**
 * Reads the statements of a `mysqldump` file that carry rows: each table's column order from its
 * `CREATE TABLE`, then the tuples of its `INSERT INTO ... VALUES` lines (extended or one row per line,
 * with or without a column list). Values stay text (DECIMALs keep their exact digits) or `null`.
 * Line by line, so a dump of any size streams through.
 */
export type DumpValue = string | null;
export type DumpRow = Readonly<Record<string, DumpValue>>;

export interface DumpRowBatch {
  table: string;
  rows: DumpRow[];
  /** Tuples whose value count does not match the table's columns: never guessed at. */
  malformed: number;
}

const CREATE_TABLE = /^CREATE TABLE (?:IF NOT EXISTS )?`([^`]+)`/i;
const COLUMN_LINE = /^\s+`([^`]+)`\s+\w/;
const INSERT = /^INSERT\s+(?:IGNORE\s+)?INTO\s+`([^`]+)`\s*(\(([^)]*)\))?\s*VALUES\s*/i;

const ESCAPES: Readonly<Record<string, string>> = {
  "0": "\0",
  b: "\b",
  n: "\n",
  r: "\r",
  t: "\t",
  Z: "\x1a",
};

/**
 * The tuples of a VALUES list: `('a\'b',1.5,NULL),(…);` → `[["a'b", "1.5", null], …]`.
 * Throws on text that is not a VALUES list (a truncated line), so a broken dump stops the import.
 * @example parseValuesList("(1,'USD',NULL);") // [["1", "USD", null]]
 */
export const parseValuesList = (text: string): DumpValue[][] => parseValues(text).tuples;

/**
 * The tuples of a piece of a VALUES list and whether the statement ended in it (`;`). mysqldump writes a
 * whole extended INSERT on one line (MySQL) or one tuple per line (MariaDB 10.11+); a tuple itself never
 * spans lines, as newlines inside strings are escaped.
 */
export const parseValues = (text: string): { tuples: DumpValue[][]; ended: boolean } => {
  const tuples: DumpValue[][] = [];
  let ended = false;
  let i = 0;
  const fail = (what: string): never => {
    throw new SyntaxError(`${what} at offset ${i} of a VALUES list`);
  };
  while (i < text.length) {
    const ch = text[i];
    if (ch === ";") {
      ended = true;
      break;
    }
    if (ch === "," || ch === " " || ch === "\n" || ch === "\r") {
      i++;
      continue;
    }
    if (ch !== "(") fail(`expected "(" but found ${JSON.stringify(ch)}`);
    i++;
    const tuple: DumpValue[] = [];
    for (;;) {
      while (text[i] === " ") i++;
      if (text[i] === "'") {
        let value = "";
        i++;
        for (;;) {
          const c = text[i];
          if (c === undefined) fail("unterminated string");
          if (c === "\\") {
            const next = text[i + 1] ?? fail("unterminated escape");
            value += ESCAPES[next] ?? next;
            i += 2;
          } else if (c === "'" && text[i + 1] === "'") {
            value += "'";
            i += 2;
          } else if (c === "'") {
            i++;
            break;
          } else {
            value += c;
            i++;
          }
        }
        tuple.push(value);
      } else {
        const start = i;
        while (i < text.length && text[i] !== "," && text[i] !== ")") i++;
        const raw = text.slice(start, i).trim();
        if (raw === "") fail("empty value");
        tuple.push(raw.toUpperCase() === "NULL" ? null : raw);
      }
      while (text[i] === " ") i++;
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === ")") {
        i++;
        break;
      }
      fail("expected , or )");
    }
    tuples.push(tuple);
  }
  return { tuples, ended };
};

/** Follows a dump line by line; `accept` returns the rows of an INSERT line of a wanted table. */
export class DumpReader {
  private readonly columns = new Map<string, string[]>();
  private creating: string | undefined;
  private inserting: { table: string; columns: readonly string[] } | undefined;

  constructor(private readonly tables: ReadonlySet<string>) {}

  /** Column order of a table seen so far (from its CREATE TABLE). */
  columnsOf(table: string): readonly string[] | undefined {
    return this.columns.get(table);
  }

  accept(line: string): DumpRowBatch | undefined {
    if (this.inserting !== undefined) return this.rowsOf(this.inserting, line);
    if (this.creating !== undefined) {
      const column = COLUMN_LINE.exec(line);
      if (column?.[1]) this.columns.get(this.creating)?.push(column[1]);
      else if (/^\)/.test(line)) this.creating = undefined;
      return undefined;
    }
    const create = CREATE_TABLE.exec(line);
    if (create?.[1]) {
      if (this.tables.has(create[1])) {
        this.creating = create[1];
        this.columns.set(create[1], []);
      }
      return undefined;
    }
    const insert = INSERT.exec(line);
    if (!insert?.[1] || !this.tables.has(insert[1])) return undefined;
    const table = insert[1];
    const columns = insert[3]
      ? insert[3].split(",").map((name) => name.trim().replace(/^`|`$/g, ""))
      : this.columns.get(table);
    if (!columns) throw new SyntaxError(`INSERT into ${table} before its CREATE TABLE and without columns`);
    return this.rowsOf({ table, columns }, line.slice(insert[0].length));
  }

  /** Rows of one line of an INSERT statement; the statement goes on on the next line until its `;`. */
  private rowsOf(statement: { table: string; columns: readonly string[] }, text: string): DumpRowBatch {
    const { tuples, ended } = parseValues(text);
    this.inserting = ended ? undefined : statement;
    const rows: DumpRow[] = [];
    let malformed = 0;
    for (const tuple of tuples) {
      if (tuple.length !== statement.columns.length) {
        malformed++;
        continue;
      }
      rows.push(Object.fromEntries(statement.columns.map((name, index) => [name, tuple[index] ?? null])));
    }
    return { table: statement.table, rows, malformed };
  }
}
