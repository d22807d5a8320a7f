/** redis-cli against the stack's Redis (tests only: the services reach Redis through their sidecars). */
import { secrets } from "../../support/stack.ts";
import { STACK } from "./stack-env.ts";

/** Runs one redis-cli command in `--raw` mode and returns its output (throws on failure). */
export const redisCli = (args: readonly string[]): string => {
  const proc = Bun.spawnSync(
    ["redis-cli", "-h", STACK.redis.host, "-p", String(STACK.redis.port), "--raw", ...args],
    {
      env: { ...process.env, REDISCLI_AUTH: secrets()["redis-password"] ?? "" },
      stdout: "pipe",
      stderr: "pipe",
    },
  );
  const out = proc.stdout.toString();
  if (proc.exitCode !== 0 || /^(ERR|WRONGTYPE|NOAUTH)\b/m.test(out))
    throw new Error(`redis-cli ${args[0]} failed: ${out}${proc.stderr.toString()}`);
  return out;
};

/** Keys matching a glob pattern (SCAN, not KEYS). */
export const redisKeys = (pattern: string): string[] =>
  redisCli(["--scan", "--pattern", pattern])
    .split("\n")
    .filter((line) => line.length > 0);
