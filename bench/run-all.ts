/**
 * Runs the benchmarks against the running stack (scripts/up.sh) and prints every figure as JSON and as a
 * table. Each figure is a ratio or a percentile measured in the same run as its baseline.
 *   bun bench/run-all.ts                      all of them (history loads ~7.6M rows: several minutes)
 *   bun bench/run-all.ts rates-read memory    only those
 * Benchmarks never change what users see: the stack's user data (rates, daily aggregates, selections,
 * ranking records of settled days) is read before the first benchmark and compared after the last; any
 * difference is printed record by record and the run exits 1.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { countRecords, describeDifferences } from "../tests/support/user-data/compare.ts";
import { changedUserData, takeUserDataSnapshot } from "../tests/support/user-data/snapshot.ts";
import { historyYear } from "./history-year.ts";
import { ingestToServed } from "./ingest-to-served.ts";
import type { BenchResult } from "./lib/result.ts";
import { REPO, runningProfile } from "./lib/stack.ts";
import { memory } from "./memory.ts";
import { ratesRead } from "./rates-read.ts";
import { selectionsWrite } from "./selections-write.ts";
import { sidecarOverhead } from "./sidecar-overhead.ts";

const BENCHES: Record<string, () => Promise<BenchResult>> = {
  "rates-read": () => ratesRead(),
  "sidecar-overhead": () => sidecarOverhead(),
  "selections-write": () => selectionsWrite(),
  // BENCH_HISTORY_CURRENCIES loads fewer than all currencies (at least the 10 queried) for a quicker run;
  // BENCH_HISTORY_KEEP=1 keeps its private database for a later BENCH_HISTORY_SKIP_LOAD=1.
  "history-year": () =>
    historyYear({
      keep: process.env.BENCH_HISTORY_KEEP === "1",
      ...(process.env.BENCH_HISTORY_CURRENCIES
        ? { currencyCount: Number(process.env.BENCH_HISTORY_CURRENCIES) }
        : {}),
    }),
  // Last: it moves the FX sandbox's market clock forward.
  "ingest-to-served": () => ingestToServed(),
  memory: () => memory(),
};

const chosen = process.argv.slice(2);
const names = chosen.length > 0 ? chosen : Object.keys(BENCHES);
const unknown = names.filter((name) => !BENCHES[name]);
if (unknown.length > 0) {
  throw new Error(`unknown benchmark ${unknown.join(", ")}; known: ${Object.keys(BENCHES).join(", ")}`);
}
console.error("… user data snapshot");
const userData = await takeUserDataSnapshot();
const results: BenchResult[] = [];
for (const name of names) {
  const bench = BENCHES[name] as () => Promise<BenchResult>;
  console.error(`… ${name}`);
  try {
    results.push(await bench());
  } catch (err) {
    results.push({ name, target: "-", met: false, figures: { error: String(err) } });
  }
}

const changed = changedUserData(userData);
results.push({
  name: "user data unchanged",
  target: "what users see is the same after the benchmarks (rates, aggregates, selections, rankings)",
  met: changed.length === 0,
  figures: { compared: countRecords(userData), changed: changed.length },
});

const report = {
  measured_at: new Date().toISOString(),
  profile: runningProfile(),
  machine: { cpus: navigator.hardwareConcurrency, bun: Bun.version },
  results,
};
mkdirSync(join(REPO, ".run", "bench"), { recursive: true });
writeFileSync(join(REPO, ".run", "bench", "latest.json"), JSON.stringify(report, null, 2));
console.log(JSON.stringify(report, null, 2));
console.log("\n| benchmark | target | met | figures |\n|---|---|---|---|");
for (const r of results) {
  const figures = Object.entries(r.figures)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");
  console.log(`| ${r.name} | ${r.target} | ${r.met === null ? "n/a" : r.met ? "yes" : "NO"} | ${figures} |`);
}
if (changed.length > 0) {
  console.error(
    `\nBENCHMARKS CHANGED WHAT USERS SEE: ${changed.length} settled record(s) differ from before the run\n${describeDifferences(changed)}`,
  );
  process.exitCode = 1;
}
