import type { DistributedLock, Logger } from "@trip/shared";
import type { JobLock } from "../use-cases/ports.ts";

/**
 * @example const locks = jobLock(sidecar.lock("lockstore"), replicaId, log);
 *          await locks.runExclusive("ranking-rollover", 120, () => rollover());
 */
export const jobLock = (lock: DistributedLock, owner: string, log: Logger): JobLock => ({
  async runExclusive(resource, expirySeconds, job) {
    if (!(await lock.tryLock(resource, owner, expirySeconds))) return { ran: false };
    try {
      return { ran: true, value: await job() };
    } finally {
      const released = await lock.unlock(resource, owner).catch((err: unknown) => {
        log.warn("lock release failed; it expires on its own", { resource, err });
        return "failed";
      });
      if (released === "held-by-other" || released === "not-found")
        log.warn("lock expired before the job finished", { resource, expirySeconds });
    }
  },
});
