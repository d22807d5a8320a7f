import { afterAll, describe, expect, test } from "bun:test";
import { getJson, mariadb, STACK, waitFor } from "../support/stack.ts";
import { tokens } from "./support/history-stack.ts";

const selectionId = `it-history-${Date.now().toString(36)}`;

const duplicatesSeen = async (): Promise<number> => {
  const { body } = await getJson(`${STACK.history}/metrics`);
  const line = String(body)
    .split("\n")
    .find((l) => l.startsWith('history_selections_recorded_total{outcome="duplicate"}'));
  return line ? Number(line.split(" ").at(-1)) : 0;
};

const publish = (data: unknown) =>
  fetch(`${STACK.sidecars.history}/v1.0/publish/pubsub/ranking.selection-recorded`, {
    method: "POST",
    headers: { "content-type": "application/json", "dapr-api-token": tokens().dapr },
    body: JSON.stringify(data),
  });

afterAll(() => {
  mariadb(`DELETE FROM user_selections WHERE selection_id = '${selectionId}'`);
});

describe("ranking.selection-recorded → user_selections", () => {
  test("the same selection published twice is stored once", async () => {
    const event = {
      selection_id: selectionId,
      country_code: "JP",
      currency_code: "JPY",
      user_hash: "0f3c9a",
      session_id: "it-session",
      selected_at: "2026-11-27T14:59:59.999Z",
      kst_date: "2026-11-27",
    };
    const duplicatesBefore = await duplicatesSeen();
    expect((await publish(event)).status).toBe(204);
    expect((await publish(event)).status).toBe(204);
    // Both deliveries handled: one insert, one recognised redelivery (acknowledged, not retried).
    await waitFor(
      "the redelivery to be recognised",
      async () => (await duplicatesSeen()) > duplicatesBefore,
      {
        timeoutMs: 30_000,
      },
    );
    const rows = mariadb(
      `SELECT country, currency, user_hash, session_id, DATE_FORMAT(kst_date, '%Y-%m-%d')
       FROM user_selections WHERE selection_id = '${selectionId}'`,
    );
    expect(rows).toEqual([["JP", "JPY", "0f3c9a", "it-session", "2026-11-27"]]);
  }, 60_000);
});
