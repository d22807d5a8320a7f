/**
 * Reference rates from The Economist's Big Mac index source data (MIT licence, (c) The Economist
 * Newspaper): `dollar_ex` is local currency per USD on the edition's survey date.
 */
export interface ReferenceRates {
  /** Edition date, `YYYY-MM-DD`: the day whose close equals these rates. */
  readonly date: string;
  /** KRW per 1 unit of each currency, KRW itself included (1). */
  readonly krwPerUnit: Readonly<Record<string, number>>;
}

const columnIndex = (header: string[], name: string): number => {
  const index = header.indexOf(name);
  if (index < 0) throw new Error(`reference CSV has no "${name}" column`);
  return index;
};

/**
 * Parses the Big Mac CSV into KRW-per-unit rates of one edition (default: the newest in the file).
 * KRW per unit of X = dollar_ex[KRW] / dollar_ex[X].
 * @example parseReferenceRates(csv).krwPerUnit.USD // 1469.85 for the 2026-01-01 edition
 */
export const parseReferenceRates = (csv: string, edition?: string): ReferenceRates => {
  const [headerLine, ...lines] = csv.trim().split(/\r?\n/);
  const header = (headerLine ?? "").split(",");
  const codeAt = columnIndex(header, "currency_code");
  const dollarExAt = columnIndex(header, "dollar_ex");
  const dateAt = columnIndex(header, "date");
  const rows = lines
    .map((line) => line.split(","))
    .map((cells) => ({
      code: cells[codeAt] ?? "",
      dollarEx: Number(cells[dollarExAt]),
      date: cells[dateAt] ?? "",
    }));
  const date = edition ?? rows.reduce((newest, row) => (row.date > newest ? row.date : newest), "");
  const usdPerUnit = new Map<string, number>();
  for (const row of rows) {
    if (row.date !== date || usdPerUnit.has(row.code)) continue;
    if (!/^[A-Z]{3}$/.test(row.code) || !Number.isFinite(row.dollarEx) || row.dollarEx <= 0) continue;
    usdPerUnit.set(row.code, row.dollarEx);
  }
  const krwPerUsd = usdPerUnit.get("KRW");
  if (krwPerUsd === undefined) throw new Error(`reference CSV has no KRW rate for edition "${date}"`);
  const krwPerUnit: Record<string, number> = {};
  for (const [code, dollarEx] of [...usdPerUnit].sort(([a], [b]) => a.localeCompare(b))) {
    krwPerUnit[code] = code === "KRW" ? 1 : krwPerUsd / dollarEx;
  }
  if (krwPerUnit.USD === undefined) krwPerUnit.USD = krwPerUsd;
  return { date, krwPerUnit };
};
