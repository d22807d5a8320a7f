import { DumpReader } from "../domain/dump-parser.ts";
import {
  checkDailyRow,
  checkHistoryRow,
  type LegacyDay,
  type LegacyRate,
  type LegacyTable,
  type Rejection,
} from "../domain/legacy-rows.ts";

export const LEGACY_TABLES: readonly LegacyTable[] = ["exchange_rate_history", "daily_exchange_rates"];

export interface DumpContents {
  history: LegacyRate[];
  daily: LegacyDay[];
  rejected: Rejection[];
  read: Record<LegacyTable, number>;
}

/**
 * Reads the two tables out of a dump's lines and checks every row; nothing is written here.
 * `onProgress` gets the bytes consumed so far.
 */
export const readDump = async (
  lines: AsyncIterable<string>,
  options: { zone: string; now: Date; onProgress?: (bytes: number) => void },
): Promise<DumpContents> => {
  const reader = new DumpReader(new Set(LEGACY_TABLES));
  const contents: DumpContents = {
    history: [],
    daily: [],
    rejected: [],
    read: { exchange_rate_history: 0, daily_exchange_rates: 0 },
  };
  let bytes = 0;
  for await (const line of lines) {
    bytes += Buffer.byteLength(line) + 1;
    const batch = reader.accept(line);
    if (!batch) continue;
    const table = batch.table as LegacyTable;
    for (let i = 0; i < batch.malformed; i++) {
      contents.read[table]++;
      contents.rejected.push({
        table,
        id: `#${contents.read[table]}`,
        reason: "malformed-row",
        detail: "value count differs from the table's columns",
      });
    }
    for (const row of batch.rows) {
      const order = ++contents.read[table];
      if (table === "exchange_rate_history") {
        const checked = checkHistoryRow(row, order, options.zone, options.now);
        if (checked.ok) contents.history.push(checked.row);
        else contents.rejected.push(checked.rejection);
      } else {
        const checked = checkDailyRow(row, order);
        if (checked.ok) contents.daily.push(checked.row);
        else contents.rejected.push(checked.rejection);
      }
    }
    options.onProgress?.(bytes);
  }
  return contents;
};
