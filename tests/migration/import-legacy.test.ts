/**
 * The old system's rate history comes along (issue 17, docs/migration.md): a year of 29 currencies in the
 * old MySQL schema — per-100 quotes, NULL bank rates, duplicates, corrupt rows — is loaded into a scratch
 * database, dumped with mysqldump, and imported by `bun tools/import-legacy` through its own sidecar into
 * another scratch database created with our own migrations. Database `trip` is never touched.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { applyMigrations, createLogger, createSidecar } from "@trip/shared";
import type { ImportSummary } from "../../tools/import-legacy/src/domain/summary.ts";
import { REPO_ROOT } from "../support/stack.ts";
import { type ImportSidecar, startImportSidecar } from "./support/import-sidecar.ts";
import { type Expected, generateLegacyData, kstDayOfKey } from "./support/legacy-database.ts";
import { dumpTables, scratchQuery, scratchScript } from "./support/scratch-database.ts";

const runId = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
const legacyDb = `trip_legacy_${runId}`;
const targetDb = `trip_import_${runId}`;
const workDir = join(REPO_ROOT, ".run", "test-migration", runId);
const dumpFile = join(workDir, "legacy.sql");

let sidecar: ImportSidecar | undefined;
let expected: Expected;
let first: { summary: ImportSummary; seconds: number };
let dry: { summary: ImportSummary; seconds: number };
let dryRunChanged = true;

const runImport = async (...args: string[]) => {
  const started = performance.now();
  const proc = Bun.spawn(["bun", "tools/import-legacy", "--dump", dumpFile, "--json", ...args], {
    cwd: REPO_ROOT,
    env: { ...Bun.env, DAPR_HTTP_PORT: String(sidecar?.httpPort), DAPR_API_TOKEN: sidecar?.apiToken ?? "" },
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, code] = await Promise.all([
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
    proc.exited,
  ]);
  if (code !== 0) throw new Error(`import exited ${code}:\n${stderr.slice(-3000)}\n${stdout.slice(-2000)}`);
  return {
    summary: JSON.parse(stdout) as ImportSummary,
    seconds: (performance.now() - started) / 1000,
    stderr,
  };
};

const target = (sql: string) => scratchQuery(targetDb, sql);
const checksums = () => target("CHECKSUM TABLE exchange_rates, daily_stats").map((row) => row.join(" "));

beforeAll(async () => {
  const generated = generateLegacyData();
  expected = generated.expected;
  scratchQuery(
    undefined,
    `CREATE DATABASE ${legacyDb} CHARACTER SET utf8mb4; CREATE DATABASE ${targetDb} CHARACTER SET utf8mb4`,
  );
  scratchScript(legacyDb, generated.sql);
  Bun.spawnSync(["mkdir", "-p", workDir]);
  dumpTables(legacyDb, ["currencies", "exchange_rate_history", "daily_exchange_rates"], dumpFile);
  sidecar = await startImportSidecar(workDir, targetDb);
  // Our schema, by our own migrations, and one rate of our own ingestion (after the legacy year):
  // the import anchors JPY's unit on it.
  const db = createSidecar({
    baseUrl: `http://127.0.0.1:${sidecar.httpPort}`,
    apiToken: sidecar.apiToken,
  }).sql("trip-db");
  await applyMigrations(db, createLogger({ service: "tests-migration", level: "warn" }), new Date());
  await db.exec(
    `INSERT INTO exchange_rates (currency, base, rate, unit, provider, observed_at, collected_at, batch_id)
     VALUES ('JPY', 'KRW', '9.31000000', 100, 'exchangerate-api', '2026-12-03 02:00:00', '2026-12-03 02:00:00', 'ours-1')`,
  );
  const beforeDryRun = checksums();
  dry = await runImport("--dry-run");
  dryRunChanged = checksums().join() !== beforeDryRun.join();
  first = await runImport();
}, 120_000);

afterAll(async () => {
  await sidecar?.stop();
  scratchQuery(undefined, `DROP DATABASE IF EXISTS ${legacyDb}; DROP DATABASE IF EXISTS ${targetDb}`);
  Bun.spawnSync(["rm", "-rf", workDir]);
});

describe("bun tools/import-legacy on a mysqldump of the old database", () => {
  test("every row read is imported, skipped or rejected, with the reasons the old data calls for", () => {
    const { exchange_rate_history: history, daily_exchange_rates: daily } = first.summary.tables;
    console.log(
      `import: ${history.read} history + ${daily.read} daily rows in ${first.seconds.toFixed(1)} s (tool: ${first.summary.seconds.toFixed(1)} s)`,
    );
    expect(history.read).toBe(expected.historyRows);
    expect(history.imported).toBe(expected.rates.size);
    expect(history.skipped).toEqual(expected.skipped);
    expect(history.rejected).toEqual(expected.rejectedHistory);
    expect(daily.read).toBe(expected.dailyRows);
    expect(daily.imported).toBe(expected.dailyOnly.size);
    expect(daily.skipped).toEqual({ "superseded-by-rates": expected.dailySuperseded });
    expect(daily.rejected).toEqual(expected.rejectedDaily);
    expect(first.summary.examples.length).toBeGreaterThan(0);
  });

  test("rates are stored per 1 unit: per-100 JPY and IDR quotes are divided, NULL bank rates stay NULL", () => {
    const rows = target(
      `SELECT currency, DATE_FORMAT(observed_at, '%Y-%m-%dT%H:%i:%s.000Z'), CAST(rate AS CHAR), CAST(tts AS CHAR), CAST(ttb AS CHAR)
       FROM exchange_rates WHERE provider = 'legacy'`,
    );
    expect(rows.length).toBe(expected.rates.size);
    const stored = new Map(rows.map(([code, at, rate, tts, ttb]) => [`${code}|${at}`, { rate, tts, ttb }]));
    const norm = (v: string | null | undefined) => (v === null || v === undefined || v === "NULL" ? null : v);
    let compared = 0;
    for (const [key, want] of expected.rates) {
      const got = stored.get(key);
      expect({ key, rate: got?.rate, tts: norm(got?.tts), ttb: norm(got?.ttb) }).toEqual({ key, ...want });
      compared++;
    }
    expect(compared).toBe(expected.rates.size);
    expect(first.summary.units.JPY?.per100).toBeGreaterThan(0);
    expect(first.summary.units.JPY?.basis).toBe("stored-rate");
    expect(first.summary.units.IDR?.per100).toBeGreaterThan(0);
  });

  test("daily_stats equal the aggregation of the imported rows; days known only as daily rows come along", () => {
    const byDay = new Map<string, Array<[string, string]>>();
    for (const [key, { rate }] of expected.rates) {
      const day = `${key.split("|")[0]}|${kstDayOfKey(key)}`;
      byDay.set(day, [...(byDay.get(day) ?? []), [key.split("|")[1] as string, rate]]);
    }
    const stats = new Map(
      target(
        `SELECT currency, DATE_FORMAT(kst_date, '%Y-%m-%d'), CAST(open AS CHAR), CAST(high AS CHAR), CAST(low AS CHAR),
           CAST(close AS CHAR), CAST(avg AS CHAR), samples FROM daily_stats`,
      ).map(([code, date, ...values]) => [`${code}|${date}`, values]),
    );
    expect(stats.size).toBe(byDay.size + expected.dailyOnly.size);
    const scaled = (v: string) => BigInt(v.replace(".", ""));
    const text8 = (n: bigint) => `${n / 100_000_000n}.${(n % 100_000_000n).toString().padStart(8, "0")}`;
    for (const [day, samples] of byDay) {
      samples.sort(([a], [b]) => a.localeCompare(b));
      const rates = samples.map(([, rate]) => scaled(rate));
      const sum = rates.reduce((a, b) => a + b, 0n);
      const n = BigInt(rates.length);
      const want = [
        text8(rates[0] as bigint),
        text8(rates.reduce((a, b) => (b > a ? b : a))),
        text8(rates.reduce((a, b) => (b < a ? b : a))),
        text8(rates.at(-1) as bigint),
        text8((2n * sum + n) / (2n * n)),
        String(rates.length),
      ];
      expect({ day, values: stats.get(day) }).toEqual({ day, values: want });
    }
    for (const [day, { values, samples }] of expected.dailyOnly) {
      expect({ day, values: stats.get(day) }).toEqual({ day, values: [...values, String(samples)] });
    }
    expect(first.summary.dailyStats).toEqual({ aggregated: byDay.size, verified: byDay.size, mismatched: 0 });
  });

  test("a dry run first writes nothing and announces exactly what the import then did", () => {
    expect(dryRunChanged).toBe(false);
    expect(dry.summary.dryRun).toBe(true);
    expect(dry.summary.tables).toEqual(first.summary.tables);
    expect(dry.summary.dailyStats.mismatched).toBe(first.summary.dailyStats.aggregated);
  });

  test("a second run changes nothing and says so", async () => {
    const before = checksums();
    const second = await runImport();
    expect(checksums()).toEqual(before);
    const history = second.summary.tables.exchange_rate_history;
    expect(history.imported).toBe(0);
    expect(history.skipped["already-imported"]).toBe(expected.rates.size);
    expect(second.summary.tables.daily_exchange_rates.imported).toBe(0);
    expect(second.summary.tables.daily_exchange_rates.skipped["day-already-aggregated"]).toBe(
      expected.dailyOnly.size,
    );
    expect(second.summary.dailyStats).toMatchObject({ aggregated: 0, mismatched: 0 });
    expect(second.stderr).toContain("exchange_rates:");
  });

  test("a day whose daily_stats row went missing (an interrupted run) is aggregated again on the next run", async () => {
    // A day with imported rates (the month before FIRST_DAY holds the daily-only days).
    const day = "2026-03-03";
    const before = target(
      `SELECT CAST(close AS CHAR) FROM daily_stats WHERE currency = 'USD' AND kst_date = '${day}'`,
    );
    target(`DELETE FROM daily_stats WHERE currency = 'USD' AND kst_date = '${day}'`);
    const third = await runImport();
    expect(third.summary.dailyStats).toMatchObject({ aggregated: 1, mismatched: 0 });
    expect(
      target(`SELECT CAST(close AS CHAR) FROM daily_stats WHERE currency = 'USD' AND kst_date = '${day}'`),
    ).toEqual(before);
  });

  test("the real database `trip` holds no legacy row", () => {
    const hasTable = scratchQuery(
      undefined,
      "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'trip' AND table_name = 'exchange_rates'",
    );
    if (hasTable[0]?.[0] !== "1") return; // no stack has migrated `trip` yet: nothing there to protect
    expect(scratchQuery("trip", "SELECT COUNT(*) FROM exchange_rates WHERE provider = 'legacy'")).toEqual([
      ["0"],
    ]);
  });
});
