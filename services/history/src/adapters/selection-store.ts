import type { SqlDatabase } from "@trip/shared";
import type { SelectionStore } from "../use-cases/ports.ts";

export const sqlSelectionStore = (db: SqlDatabase): SelectionStore => ({
  async record(event) {
    const { rowsAffected } = await db.exec(
      `INSERT IGNORE INTO user_selections
        (selection_id, country, currency, user_hash, session_id, referrer, selected_at, kst_date)
       VALUES (?, ?, ?, ?, ?, NULL, ?, ?)`,
      [
        event.selection_id,
        event.country_code,
        event.currency_code,
        event.user_hash,
        event.session_id,
        new Date(event.selected_at),
        event.kst_date,
      ],
    );
    return rowsAffected === 1 ? "inserted" : "duplicate";
  },
});
