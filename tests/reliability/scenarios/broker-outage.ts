/**
 * The pub/sub broker (Kafka, kafka profile) stopped during an ingestion: the rates are stored; once the
 * broker is back the `exchange-rates.updated` event reaches currency-service (the next run publishes
 * the events earlier runs could not, before its own), which serves the new rates; no row is duplicated. Under the local profile the broker is Redis Streams — its outage is the
 * Redis scenario (06) — so this scenario is reported as not run, after checking that this is the case.
 */
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { waitFor } from "../../support/stack.ts";
import { Claims } from "../support/claims.ts";
import type { Json } from "../support/client.ts";
import { logFiles } from "../support/data-search.ts";
import { withInfraStopped } from "../support/infra-control.ts";
import {
  advanceSandbox,
  duplicateRateRows,
  runIngestion,
  servedUsd,
  setSandboxMode,
  storedRates,
} from "../support/ingestion.ts";
import { loadedPubsubType, stackProfile } from "../support/stack-env.ts";
import { recordNotRun, scenario } from "../support/summary.ts";

const NAME = "Kafka broker stopped during an ingestion";
/** The `cron-ingest` schedule of every profile (`@every 2m`). */
const INGEST_INTERVAL_MS = 120_000;
const profile = stackProfile();

/** A log line of currency-service saying it received the event of `batchId`. */
const eventReceivedLogged = (batchId: string): boolean =>
  logFiles().some((file) =>
    readFileSync(file, "utf8")
      .split("\n")
      .some(
        (line) =>
          line.includes("exchange-rates.updated received") && line.includes(`"batch_id":"${batchId}"`),
      ),
  );

describe("the pub/sub broker stops during an ingestion", () => {
  if (loadedPubsubType() !== "pubsub.kafka") {
    test("local profile: the broker is Redis Streams (covered by the Redis scenario); reported as not run", () => {
      expect(loadedPubsubType()).toBe("pubsub.redis");
      expect(profile).not.toBe("kafka");
      recordNotRun(
        "fault",
        NAME,
        `stack runs profile "${profile}" (pub/sub = ${loadedPubsubType()}); start it with scripts/up.sh --profile kafka to run this`,
      );
    });
    return;
  }

  test("rates are stored, the event arrives after the broker returns, currency serves them, no duplicates", async () => {
    await scenario("fault", NAME, async (tally) => {
      await setSandboxMode("normal");
      await advanceSandbox();
      const before = storedRates();
      const claims = new Claims();
      let run: Json = {};
      tally.faultsInjected += 1;
      await withInfraStopped("kafka", async () => {
        const answer = await runIngestion();
        tally.inputsTried += 1;
        run = answer.json?.data ?? answer.json?.error?.details?.run ?? {};
        claims.equal("run answer status", answer.status, 200);
        claims.that("rows stored while the broker is down", Number(run.inserted) > 0, JSON.stringify(run));
        claims.equal("rows in exchange_rates", storedRates().rows, before.rows + Number(run.inserted ?? 0));
      });
      expect(claims.problems).toEqual([]);
      const batchId = String(run.batch_id);
      const brokerBack = Date.now();
      // The next scheduled run republishes it: the next tick within one interval (2 min), or the one after
      // when an earlier suite's test tick already claimed that tick's window (tick keys are per window:
      // the real tick is then deduplicated, as a second replica's would be).
      await waitFor(`currency to receive the event of ${batchId}`, async () => eventReceivedLogged(batchId), {
        timeoutMs: 2 * INGEST_INTERVAL_MS + 30_000,
        intervalMs: 1000,
      });
      // The run that published the event (the next tick) may have stored a newer observation already:
      // served is this run's observation or a later one, never an older one.
      const served = await waitFor(
        "currency to serve the new rates",
        async () => {
          const usd = await servedUsd();
          return Date.parse(usd.lastUpdated) >= Date.parse(String(run.observed_at)) ? usd : undefined;
        },
        { timeoutMs: 10_000, intervalMs: 250 },
      );
      expect(served.status).toBe(200);
      expect(duplicateRateRows()).toBe(0);
      tally.dataLost += Math.max(0, before.rows + Number(run.inserted) - storedRates().rows);
      tally.faultsSurvived += 1;
      tally.notes.push(
        `event delivered ${((Date.now() - brokerBack) / 1000).toFixed(1)} s after the broker was ready`,
      );
    });
  }, 520_000);
});
