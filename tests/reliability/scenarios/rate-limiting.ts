/**
 * One client hammering selections is limited (429 + Retry-After) while another client keeps reading.
 * The readers' latency percentiles with and without the hammering are reported, not asserted; what is
 * asserted is that every read stays 2xx and the hammering client gets 429s in the contract's shape.
 */
import { describe, expect, test } from "bun:test";
import { type Answer, getJson, postJson } from "../support/client.ts";
import { contractProblems } from "../support/contract.ts";
import { describeLatency, loopFor } from "../support/latency.ts";
import { STACK } from "../support/stack-env.ts";
import { SOAK, scenario } from "../support/summary.ts";

const PHASE_MS = SOAK ? 30_000 : 4_000;
const READS = [
  `${STACK.ranking}/api/v1/rankings?period=daily`,
  `${STACK.currency}/api/v1/currencies/latest?symbols=USD,JPY`,
];

interface Reads {
  latencies: number[];
  statuses: Map<number, number>;
}

const readFor = async (durationMs: number): Promise<Reads> => {
  const reads: Reads = { latencies: [], statuses: new Map() };
  let next = 0;
  await loopFor(durationMs, 2, async () => {
    const answer = await getJson(READS[next++ % READS.length] as string);
    reads.latencies.push(answer.ms);
    reads.statuses.set(answer.status, (reads.statuses.get(answer.status) ?? 0) + 1);
  });
  return reads;
};

const onlySuccess = (reads: Reads) =>
  [...reads.statuses.keys()].every((status) => status >= 200 && status < 300);

describe("a client hammering selections", () => {
  test("is answered 429 with Retry-After while another client's reads stay 2xx", async () => {
    await scenario("load", "selection hammering vs. other clients' reads", async (tally) => {
      const baseline = await readFor(PHASE_MS);
      const hammer = { accepted: 0, limited: [] as Answer[], other: [] as Answer[] };
      const client = { user_id: `rel-hammer-${Date.now()}`, session_id: `rel-hammer-session-${process.pid}` };
      const [during] = await Promise.all([
        readFor(PHASE_MS),
        loopFor(PHASE_MS, 8, async () => {
          const answer = await postJson(`${STACK.ranking}/api/v1/rankings/selections`, {
            country_code: "JP",
            ...client,
          });
          tally.inputsTried += 1;
          if (answer.status === 201) hammer.accepted += 1;
          else if (answer.status === 429) hammer.limited.push(answer);
          else hammer.other.push(answer);
        }),
      ]);
      tally.notes.push(
        `hammer: ${hammer.accepted} accepted, ${hammer.limited.length} limited`,
        `reads alone: ${describeLatency(baseline.latencies)}`,
        `reads while hammered: ${describeLatency(during.latencies)}`,
      );
      expect(hammer.other.map((a) => `${a.status} ${a.text.slice(0, 120)}`)).toEqual([]);
      expect(hammer.limited.length).toBeGreaterThan(0);
      for (const answer of hammer.limited.slice(0, 50)) {
        expect(answer.json.error.code).toBe("RATE_LIMIT_EXCEEDED");
        const retryAfter = Number(answer.headers.get("retry-after"));
        expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 3600).toBe(true);
        expect(contractProblems(answer)).toEqual([]);
      }
      expect(onlySuccess(baseline)).toBe(true);
      expect(onlySuccess(during)).toBe(true);
      expect(during.latencies.length).toBeGreaterThan(0);
    });
  }, 120_000);
});
