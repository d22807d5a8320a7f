/**
 * The ranking stores' records as user data: `daily-selections` (selection records, the per-day log and
 * tallies, archived days) and `country-stats` (cumulative totals, the rollover state). The `rankings`
 * store only holds snapshots recomputed every minute from these, so it is not compared itself.
 * Locally the stores are state.redis with `keyPrefix: name`: a record is the hash `<store>||<key>`
 * whose `data` field holds the JSON value. Read with redis-cli (test tooling, never service code).
 */
import { STACK, secrets } from "../stack.ts";
import type { UserRecord } from "./model.ts";

const STORES = ["daily-selections", "country-stats"] as const;
const DATED_KEY = /^daily-selections\|\|(?:log|tally|day):(\d{4}-\d{2}-\d{2})(?::|$)/;

/**
 * The KST day a record belongs to: the date in its key (log, tally, archived day), the selection's date
 * (selection records), or the last day folded in (country totals, rollover state). Records of another
 * shape count as settled from the start ("0000-00-00"), so any change to them is reported.
 */
export const rankingRecordDay = (key: string, data: string): string => {
  const dated = DATED_KEY.exec(key);
  if (dated?.[1]) return dated[1];
  const value = JSON.parse(data) as Record<string, unknown>;
  const day = key.startsWith("daily-selections||selection:")
    ? value.date
    : key === "country-stats||rollover"
      ? value.last_archived
      : key.startsWith("country-stats||country:")
        ? value.through
        : undefined;
  return typeof day === "string" ? day : "0000-00-00";
};

const redisCli = (db: number, args: string[], input?: string): string => {
  const { host, port } = STACK.redis;
  const proc = Bun.spawnSync(["redis-cli", "-h", host, "-p", String(port), "-n", String(db), ...args], {
    env: { ...process.env, REDISCLI_AUTH: secrets()["redis-password"] ?? "" },
    stdin: input === undefined ? "ignore" : new TextEncoder().encode(input),
    stdout: "pipe",
    stderr: "pipe",
  });
  const out = proc.stdout.toString();
  if (proc.exitCode !== 0 || /^(ERR|WRONGTYPE|NOAUTH|NOPERM)\b/m.test(out)) {
    throw new Error(`redis-cli ${args.join(" ")} failed: ${out.slice(0, 300)}${proc.stderr.toString()}`);
  }
  return out;
};

const sha1 = (text: string) => new Bun.CryptoHasher("sha1").update(text).digest("hex");

/** Runs redis-cli with `args` on one database; `input` goes to its stdin (a pipeline). */
export type RedisCli = (args: string[], input?: string) => string;

/** Every record of the ranking stores in Redis database `db` (the stack's: 0). */
export const readRankingRecords = (db = 0, nowMs = Date.now()): Record<string, UserRecord> =>
  readRankingRecordsWith((args, input) => redisCli(db, args, input), nowMs);

/** The same read through any redis-cli, e.g. one inside a cluster's Redis pod (bench/lib/release-redis.ts). */
export const readRankingRecordsWith = (cli: RedisCli, nowMs = Date.now()): Record<string, UserRecord> => {
  const keys = [
    ...new Set(STORES.flatMap((store) => cli(["--scan", "--pattern", `${store}||*`]).split("\n"))),
  ]
    .filter((key) => key !== "")
    .sort();
  if (keys.length === 0) return {};
  // One pipelined call: per key its `data` field and its remaining TTL in ms (-1: none, -2: gone).
  const commands = keys.map((key) => `HGET "${key}" data\nPTTL "${key}"\n`).join("");
  const lines = cli(["--raw"], commands).split("\n");
  const records: Record<string, UserRecord> = {};
  keys.forEach((key, i) => {
    const data = lines[2 * i] ?? "";
    const ttl = Number(lines[2 * i + 1]);
    if (data === "" || ttl === -2) return; // expired between the scan and the read
    records[key] = {
      day: rankingRecordDay(key, data),
      digest: sha1(data),
      shown: data.length > 240 ? `${data.slice(0, 240)}…` : data,
      ...(ttl > 0 ? { expiresAt: nowMs + ttl } : {}),
    };
  });
  return records;
};
