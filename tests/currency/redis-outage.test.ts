/**
 * Redis stopped under the running stack: rates keep coming from MariaDB, readiness holds, and once Redis
 * is back the cache heals without a restart. Redis is always started again (finally + afterAll), with
 * scripts/infra.sh; the stop/start commands can be overridden to point at a development Redis.
 */
import { describe, expect, test } from "bun:test";
import { REPO_ROOT, waitFor } from "../support/stack.ts";
import { currency, storedLatest, withStoredRates } from "./support/currency-stack.ts";

const infra = (fn: string) =>
  `root='${REPO_ROOT}'; source "$root/scripts/infra/common.sh"; source "$root/scripts/infra/redis.sh"; ${fn}`;
const STOP = process.env.CURRENCY_IT_REDIS_STOP ?? infra("redis_stop");
const START = process.env.CURRENCY_IT_REDIS_START ?? `bash '${REPO_ROOT}/scripts/infra.sh' start`;

const sh = (command: string) => {
  const run = Bun.spawnSync(["bash", "-c", command], { stdout: "pipe", stderr: "pipe" });
  if (run.exitCode !== 0) throw new Error(`${command} failed: ${run.stderr.toString()}`);
};
let redisStopped = false;
const startRedis = () => {
  if (!redisStopped) return;
  sh(START);
  redisStopped = false;
};

withStoredRates(startRedis);

const cacheCheck = async () => (await currency("/health")).body.data?.checks?.cache?.status;
// EUR, not USD: the event test in cache-fallback.test.ts leaves USD ahead of MariaDB for a while.
const eur = async () => (await currency("/api/v1/currencies/latest?symbols=EUR")).body.data;

describe("Redis outage", () => {
  test("rates are served from MariaDB while Redis is down and from the cache again after it is back", async () => {
    sh(STOP);
    redisStopped = true;
    try {
      await waitFor("/health to report the cache down", async () => (await cacheCheck()) === "down");
      expect((await currency("/health")).body.data.status).toBe("degraded");
      const fromDb = await waitFor("EUR from MariaDB", async () => {
        const data = await eur();
        return data?.source === "database" ? data : undefined;
      });
      expect(fromDb.cache_hit).toBe(false);
      expect(Math.abs(fromDb.rates.EUR - (storedLatest("EUR")?.rate ?? 0))).toBeLessThanOrEqual(1e-6);
      expect((await currency("/ready")).status).toBe(200);
    } finally {
      startRedis();
    }
    await waitFor("/health to report the cache up", async () => (await cacheCheck()) === "up", {
      timeoutMs: 30_000,
    });
    // The sidecar's circuit breaker may hold the cache closed for up to 15 s after Redis returns.
    const healed = await waitFor("EUR from the cache again", async () => (await eur())?.source === "cache", {
      timeoutMs: 45_000,
    });
    expect(healed).toBe(true);
  }, 120_000);
});
