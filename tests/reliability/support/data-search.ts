/**
 * Searches everything the stack stores or logs for a string: every Redis key and value (strings,
 * hashes, streams), a dump of the `trip` database, and the log files. Tests only — for proving that a
 * value (a raw user id, a secret) is nowhere.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { secrets } from "../../support/stack.ts";
import { redisCli } from "./redis-cli.ts";
import { REPO_ROOT, RUN_DIR, STACK } from "./stack-env.ts";

const FIND_IN_REDIS = `
local found = {}
local needle = ARGV[1]
local function check(key, value)
  if type(value) == "string" and string.find(value, needle, 1, true) then table.insert(found, key) end
end
for _, key in ipairs(redis.call("KEYS", "*")) do
  check(key, key)
  local kind = redis.call("TYPE", key).ok
  if kind == "string" then check(key, redis.call("GET", key))
  elseif kind == "hash" then for _, v in ipairs(redis.call("HGETALL", key)) do check(key, v) end
  elseif kind == "list" then for _, v in ipairs(redis.call("LRANGE", key, 0, -1)) do check(key, v) end
  elseif kind == "set" then for _, v in ipairs(redis.call("SMEMBERS", key)) do check(key, v) end
  elseif kind == "zset" then for _, v in ipairs(redis.call("ZRANGE", key, 0, -1)) do check(key, v) end
  elseif kind == "stream" then
    for _, entry in ipairs(redis.call("XRANGE", key, "-", "+")) do
      for _, v in ipairs(entry[2]) do check(key, v) end
    end
  end
end
return found`;

/** Redis keys whose name or value contains `needle`. */
export const redisKeysContaining = (needle: string): string[] => [
  ...new Set(
    redisCli(["EVAL", FIND_IN_REDIS, "0", needle])
      .split("\n")
      .filter((line) => line.length > 0),
  ),
];

/** `mariadb-dump` of database `trip` (data and schema) as text. */
export const databaseDump = (): string => {
  const proc = Bun.spawnSync(
    [
      "mariadb-dump",
      "--no-defaults",
      "-h",
      STACK.mariadb.host,
      "-P",
      String(STACK.mariadb.port),
      "-u",
      STACK.mariadb.user,
      "--skip-extended-insert",
      "--hex-blob",
      STACK.mariadb.database,
    ],
    {
      env: { ...process.env, MYSQL_PWD: secrets()["mariadb-password"] ?? "" },
      stdout: "pipe",
      stderr: "pipe",
    },
  );
  if (proc.exitCode !== 0) throw new Error(`mariadb-dump failed: ${proc.stderr.toString()}`);
  return proc.stdout.toString();
};

const filesUnder = (dir: string): string[] => {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : entry.isFile() ? [path] : [];
  });
};

/** Every log file of the stack: .run/logs/** and the dapr CLI's per-app logs (services/<x>/.dapr/logs). */
export const logFiles = (): string[] => {
  const servicesDir = join(REPO_ROOT, "services");
  const cliLogs = readdirSync(servicesDir).flatMap((service) =>
    filesUnder(join(servicesDir, service, ".dapr", "logs")),
  );
  return [...filesUnder(join(RUN_DIR, "logs")), ...cliLogs].filter(
    (file) => statSync(file).size < 512 * 1024 * 1024,
  );
};

/** Files (of `files`) whose content contains any of `needles`, with the needle found. */
export const filesContaining = (files: readonly string[], needles: readonly string[]): string[] => {
  const hits: string[] = [];
  for (const file of files) {
    const text = readFileSync(file).toString("latin1");
    for (const needle of needles) if (text.includes(Buffer.from(needle).toString("latin1"))) hits.push(file);
  }
  return hits;
};

/** The JSON value Dapr's Redis state store keeps for `key` (hash field `data`), parsed. */
export const redisStateValue = (key: string): unknown => JSON.parse(redisCli(["HGET", key, "data"]));
