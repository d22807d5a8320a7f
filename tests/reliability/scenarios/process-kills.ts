/**
 * ranking-service, and separately its daprd, is killed with SIGKILL in the middle of a selection load and
 * started again the way the stack started it. Clients that got an error retry with the same
 * selection_id. Afterwards the per-country counts (ranking API, after a recomputation) grew by exactly
 * the selections that got a 201: none lost, none counted twice — and replaying accepted ids changes nothing.
 */
import { describe, expect, test } from "bun:test";
import { postJson } from "../support/client.ts";
import { type KillTarget, killAndRestart } from "../support/kill-restart.ts";
import { countDelta, exactDailyCounts } from "../support/ranking-counts.ts";
import { countsByCountry, type LoadResult, runSelectionLoad } from "../support/selection-load.ts";
import { STACK, serviceOf, sidecarUrlOf } from "../support/stack-env.ts";
import { SOAK, scenario, type Tally } from "../support/summary.ts";

const ranking = serviceOf("ranking");
const COUNTRIES = ["JP", "US", "TH", "VN", "FR", "GB", "AU", "SG"];
const ROUNDS = SOAK ? 3 : 1;
const SELECTIONS = SOAK ? 40 : 20;

const TARGETS: Record<"app" | "sidecar", KillTarget> = {
  app: {
    name: `${ranking.appId}-app`,
    port: ranking.appPort,
    readyUrls: [`${ranking.url}/ready`],
  },
  sidecar: {
    name: `${ranking.appId}-daprd`,
    port: ranking.sidecarPort,
    readyUrls: [`${sidecarUrlOf(ranking)}/v1.0/healthz`, `${ranking.url}/ready`],
  },
};

/** Counts grew by exactly what was accepted (give or take selections still unresolved at the deadline). */
const checkCounts = (tally: Tally, load: LoadResult, delta: Map<string, number>) => {
  const accepted = countsByCountry(load.accepted);
  const unresolved = countsByCountry(load.unresolved);
  for (const country of new Set([...accepted.keys(), ...delta.keys(), ...unresolved.keys()])) {
    const got = delta.get(country) ?? 0;
    const want = accepted.get(country) ?? 0;
    tally.dataLost += Math.max(0, want - got);
    expect(`${country}: ${got >= want && got <= want + (unresolved.get(country) ?? 0)}`).toBe(
      `${country}: true`,
    );
  }
};

/** Accepted ids sent again: still 201 with the same selection, and (checked by the caller) not counted again. */
const replayAccepted = async (load: LoadResult, count: number) => {
  for (const [id, country] of [...load.accepted].slice(0, count)) {
    const answer = await postJson(`${STACK.ranking}/api/v1/rankings/selections`, {
      country_code: country,
      selection_id: id,
    });
    if (answer.status === 429) continue;
    expect(answer.status).toBe(201);
    expect(answer.json.data.selection_id).toBe(id);
  }
};

const killDuringLoad = async (tally: Tally, which: keyof typeof TARGETS, round: number) => {
  const before = await exactDailyCounts();
  const load = runSelectionLoad({
    url: STACK.ranking,
    selections: SELECTIONS,
    countries: COUNTRIES,
    idPrefix: `rel-kill-${which}-${Date.now().toString(36)}-${round}`,
    spreadMs: 6000,
    deadlineMs: 120_000,
  });
  await Bun.sleep(2000);
  tally.faultsInjected += 1;
  const killed = await killAndRestart(TARGETS[which], 1500);
  const result = await load;
  await replayAccepted(result, 5);
  const delta = countDelta(before, await exactDailyCounts());
  expect(result.violations).toEqual([]);
  expect(result.accepted.size).toBeGreaterThan(0);
  checkCounts(tally, result, delta);
  tally.faultsSurvived += 1;
  tally.inputsTried += result.attempts;
  tally.notes.push(
    `round ${round}: pid ${killed.killedPid}→${killed.restartedPid}; ${result.accepted.size} accepted, ` +
      `${result.failedAttempts} failed attempts retried, ${result.rateLimited} rate-limited, ${result.unresolved.size} unresolved`,
  );
};

describe("ranking-service killed during a selection load", () => {
  test(
    "the app process: every 201 counted once, retries not double counted",
    async () => {
      await scenario("fault", "ranking-service app SIGKILLed under load", async (tally) => {
        for (let round = 1; round <= ROUNDS; round++) await killDuringLoad(tally, "app", round);
        tally.notes.push(`replacement runs under run-while-alive.sh (log .run/logs/reliability/)`);
      });
    },
    ROUNDS * 200_000,
  );

  test(
    "its daprd sidecar: every 201 counted once, retries not double counted",
    async () => {
      await scenario("fault", "ranking-service daprd SIGKILLed under load", async (tally) => {
        for (let round = 1; round <= ROUNDS; round++) await killDuringLoad(tally, "sidecar", round);
      });
    },
    ROUNDS * 200_000,
  );
});
