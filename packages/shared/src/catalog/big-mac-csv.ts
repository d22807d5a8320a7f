import type { Country } from "./countries.ts";

/** A country's Big Mac price from the latest edition of the index that covers it. */
export interface BigMacPrice {
  /** Catalog country (ISO 3166-1 alpha-2). */
  readonly countryCode: string;
  /** Currency of `localPrice`. */
  readonly currencyCode: string;
  /** Price of one Big Mac in local currency units (`local_price`). */
  readonly localPrice: number;
  /** Local currency units per USD on the survey date (`dollar_ex`). */
  readonly dollarEx: number;
  /** Survey date of the edition, YYYY-MM-DD. */
  readonly date: string;
  /** `iso_a3` of the CSV row used: the country's own, or "EUZ" (euro area) as a fallback. */
  readonly sourceIsoA3: string;
}

/** One row of the Economist's source CSV, the columns this project uses. */
export interface BigMacRow {
  readonly isoA3: string;
  readonly currencyCode: string;
  readonly localPrice: number;
  readonly dollarEx: number;
  readonly date: string;
}

/** The euro-area aggregate row of the CSV. */
export const EURO_AREA_ISO_A3 = "EUZ";

const REQUIRED_COLUMNS = ["iso_a3", "currency_code", "local_price", "dollar_ex", "date"] as const;

// The Economist's file has no quoted fields today; quotes are still honoured so a name like
// "Korea, South" cannot shift columns.
function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted && char === '"' && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (char === '"') quoted = !quoted;
    else if (char === "," && !quoted) {
      fields.push(field);
      field = "";
    } else field += char;
  }
  fields.push(field);
  return fields;
}

function positiveNumber(text: string, what: string): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value <= 0) throw new Error(`bad ${what}: "${text}"`);
  return value;
}

/** Parses the CSV text (header row first); throws on a missing column or an invalid value. */
export function parseBigMacCsv(text: string): BigMacRow[] {
  const [header, ...lines] = text.split(/\r?\n/).filter((line) => line.trim() !== "");
  if (header === undefined) throw new Error("empty Big Mac CSV");
  const columns = splitCsvLine(header);
  const index = Object.fromEntries(
    REQUIRED_COLUMNS.map((name) => {
      const at = columns.indexOf(name);
      if (at < 0) throw new Error(`Big Mac CSV lacks column ${name}`);
      return [name, at];
    }),
  ) as Record<(typeof REQUIRED_COLUMNS)[number], number>;
  return lines.map((line, n) => {
    const fields = splitCsvLine(line);
    const field = (name: (typeof REQUIRED_COLUMNS)[number]) => (fields[index[name]] ?? "").trim();
    const where = `line ${n + 2}`;
    const date = field("date");
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`bad date on ${where}: "${date}"`);
    return {
      isoA3: field("iso_a3"),
      currencyCode: field("currency_code"),
      localPrice: positiveNumber(field("local_price"), `local_price on ${where}`),
      dollarEx: positiveNumber(field("dollar_ex"), `dollar_ex on ${where}`),
      date,
    };
  });
}

function latestRowByIsoA3(rows: readonly BigMacRow[]): Map<string, BigMacRow> {
  const latest = new Map<string, BigMacRow>();
  for (const row of rows) {
    const seen = latest.get(row.isoA3);
    if (seen === undefined || row.date > seen.date) latest.set(row.isoA3, row);
  }
  return latest;
}

/**
 * The latest price for each catalog country, in catalog order. A country uses its own latest row; a euro
 * country without one uses the euro-area row (EUZ); any other country without a row is left out (Guam,
 * Saipan). Throws when a row's currency disagrees with the catalog, so a currency change cannot slip in.
 */
export function selectLatestPrices(rows: readonly BigMacRow[], countries: readonly Country[]): BigMacPrice[] {
  const latest = latestRowByIsoA3(rows);
  return countries.flatMap((country) => {
    const row =
      latest.get(country.alpha3) ??
      (country.currencyCode === "EUR" ? latest.get(EURO_AREA_ISO_A3) : undefined);
    if (row === undefined) return [];
    if (row.currencyCode !== country.currencyCode) {
      throw new Error(`${row.isoA3} is priced in ${row.currencyCode}, catalog says ${country.currencyCode}`);
    }
    const { currencyCode, localPrice, dollarEx, date } = row;
    return [{ countryCode: country.code, currencyCode, localPrice, dollarEx, date, sourceIsoA3: row.isoA3 }];
  });
}
