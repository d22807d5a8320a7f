/**
 * SQL- and script-looking strings are plain data: a selection carrying them in session_id and referrer
 * is accepted, stored byte for byte (history's user_selections), and echoed only inside JSON. The raw
 * user_id is hashed at once: it appears in no Redis key or value, no table, no log line, no answer.
 */
import { describe, expect, test } from "bun:test";
import { mariadb, waitFor } from "../../support/stack.ts";
import { collectedBodies, getJson, postJson } from "../support/client.ts";
import { contractProblems } from "../support/contract.ts";
import {
  databaseDump,
  filesContaining,
  logFiles,
  redisKeysContaining,
  redisStateValue,
} from "../support/data-search.ts";
import { recomputeRankings } from "../support/ranking-counts.ts";
import { STACK } from "../support/stack-env.ts";
import { scenario } from "../support/summary.ts";

const run = `${Date.now().toString(36)}${process.pid.toString(36)}`;
const HOSTILE = [
  "' OR '1'='1",
  "1; DROP TABLE user_selections; --",
  "<script>alert(document.cookie)</script>",
  '"><img src=x onerror=alert(1)>',
  "Robert'); DELETE FROM user_selections WHERE ('1'='1",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, literal on purpose
  "{{7*7}}${7*7}<%= 7*7 %>",
  "한국어 🇰🇷 \u0001\u001f tab\tnew\nline",
];
/** Marks the raw user ids so they can be searched for everywhere. */
const userMarker = `rel-user-${run}`;
const hex = (text: string) => Buffer.from(text, "utf8").toString("hex").toUpperCase();

describe("hostile strings are stored and returned as plain data", () => {
  test("selections with SQL/script strings are stored byte for byte; the raw user_id is nowhere", async () => {
    await scenario("input", "SQL/script strings as selection data", async (tally) => {
      const usersBefore = Number(mariadb("SELECT COUNT(*) FROM user_selections")[0]?.[0]);
      const ids: string[] = [];
      for (const [i, text] of HOSTILE.entries()) {
        const selectionId = `rel-inject-${run}-${i}`;
        const body = {
          country_code: "JP",
          selection_id: selectionId,
          session_id: text,
          referrer: `https://example.test/?q=${text}`,
          user_id: `${userMarker}-${text}`,
        };
        const answer = await waitFor(
          `selection ${i} accepted`,
          async () => {
            const a = await postJson(`${STACK.ranking}/api/v1/rankings/selections`, body);
            if (a.status === 429) return undefined;
            return a;
          },
          { timeoutMs: 70_000, intervalMs: 2000 },
        );
        tally.inputsTried += 1;
        expect(answer.status).toBe(201);
        expect(answer.json.data.selection_id).toBe(selectionId);
        expect(contractProblems(answer, [text])).toEqual([]);
        ids.push(selectionId);
      }
      // The aggregation publishes ranking.selection-recorded; history stores each into user_selections.
      await recomputeRankings();
      const stored = await waitFor(
        "every selection in user_selections",
        async () => {
          const list = ids.map((id) => `'${id}'`).join(",");
          const rows = mariadb(
            `SELECT selection_id, HEX(session_id), HEX(referrer), user_hash FROM user_selections WHERE selection_id IN (${list}) ORDER BY selection_id`,
          );
          return rows.length === ids.length ? rows : undefined;
        },
        { timeoutMs: 30_000, intervalMs: 500 },
      );
      for (const [selectionId, sessionHex, referrerHex, userHash] of stored) {
        const text = HOSTILE[Number(selectionId?.split("-").at(-1))] as string;
        expect(sessionHex).toBe(hex(text));
        expect(referrerHex).toBe("NULL"); // ranking.selection-recorded carries no referrer (contract §7)
        expect(userHash).not.toContain(userMarker);
      }
      // The ranking service's own log (daily-selections store) keeps the referrer.
      for (const [i, selectionId] of ids.entries()) {
        const slot = redisKeysContaining(selectionId).find((key) => key.includes("||log:"));
        expect(slot).toBeDefined();
        const value = redisStateValue(String(slot)) as {
          entries: Array<{ selection_id: string; referrer: string; session_id: string }>;
        };
        const entry = value.entries.find((e) => e.selection_id === selectionId);
        expect(entry?.referrer).toBe(`https://example.test/?q=${HOSTILE[i]}`);
        expect(entry?.session_id).toBe(HOSTILE[i] as string);
      }
      expect(Number(mariadb("SELECT COUNT(*) FROM user_selections")[0]?.[0])).toBeGreaterThanOrEqual(
        usersBefore + ids.length,
      );
      expect(redisKeysContaining(userMarker)).toEqual([]);
      expect(databaseDump().includes(userMarker)).toBe(false);
      expect(filesContaining(logFiles(), [userMarker])).toEqual([]);
      expect([...collectedBodies()].filter((b) => b.includes(userMarker))).toEqual([]);
      tally.notes.push(
        `${ids.length} selections; raw user_id searched in Redis, MariaDB dump, logs, answers`,
      );
    });
  }, 180_000);

  test("echoed hostile input comes back JSON-escaped inside the envelope, never as markup", async () => {
    await scenario("input", "hostile strings echoed in errors", async (tally) => {
      for (const text of HOSTILE) {
        const selection = await postJson(`${STACK.ranking}/api/v1/rankings/selections`, {
          country_code: text,
        });
        const currency = await getJson(`${STACK.currency}/api/v1/currencies/${encodeURIComponent(text)}`);
        const history = await getJson(`${STACK.history}/api/v1/history?target=${encodeURIComponent(text)}`);
        for (const answer of [selection, currency, history]) {
          tally.inputsTried += 1;
          expect(answer.status).toBe(400);
          expect(answer.headers.get("content-type") ?? "").toStartWith("application/json");
          expect(contractProblems(answer, [text])).toEqual([]);
        }
        const echoed = selection.json.error?.details?.country_code;
        if (echoed !== undefined) expect(echoed).toBe(text);
      }
    });
  });
});
