import { afterAll, describe, expect, test } from "bun:test";
import { getJson, mariadb, STACK, waitFor } from "../support/stack.ts";
import { waitForSubscriberCaughtUp } from "../support/subscriber-caught-up.ts";
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

const endToEndIds = Array.from({ length: 12 }, (_, i) => `${selectionId}-e2e-${i}`);
const idList = (ids: string[]) => ids.map((id) => `'${id}'`).join(", ");

afterAll(async () => {
  // Not before history has acknowledged every event: an unacknowledged one is delivered again later (on
  // Kafka, after a broker restart) and would store its row again, on a day users see.
  await waitForSubscriberCaughtUp("ranking.selection-recorded", "history-service");
  mariadb(`DELETE FROM user_selections WHERE selection_id IN (${idList([selectionId, ...endToEndIds])})`);
}, 60_000);

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

  test("selections accepted by ranking-service reach user_selections, one row each, with their KST day", async () => {
    const countries = ["JP", "VN", "TH"];
    const accepted = await Promise.all(
      endToEndIds.map(async (id, i) => {
        const res = await fetch(`${STACK.ranking}/api/v1/rankings/selections`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ country_code: countries[i % countries.length], selection_id: id }),
        });
        expect(res.status).toBe(201);
        return ((await res.json()) as { data: { selection_id: string; country_code: string; date: string } })
          .data;
      }),
    );
    // The recomputation aggregates the log and publishes the counted selections (in bulk) — through
    // whichever broker the stack runs; history consumes them.
    const recompute = await fetch(`${STACK.ranking}/api/v1/rankings/admin/recompute`, {
      method: "POST",
      headers: { authorization: `Bearer ${tokens().admin}` },
    });
    expect(recompute.status).toBe(200);
    const byId = (a: unknown[], b: unknown[]) => (String(a[0]) < String(b[0]) ? -1 : 1);
    const stored = () =>
      mariadb(
        `SELECT selection_id, country, DATE_FORMAT(kst_date, '%Y-%m-%d') FROM user_selections
         WHERE selection_id IN (${idList(endToEndIds)})`,
      ).sort(byId);
    await waitFor("history to store every published selection", async () => stored().length >= 12, {
      timeoutMs: 45_000,
    });
    const expected = accepted.map((a) => [a.selection_id, a.country_code, a.date]).sort(byId);
    expect(stored()).toEqual(expected);
  }, 90_000);
});
