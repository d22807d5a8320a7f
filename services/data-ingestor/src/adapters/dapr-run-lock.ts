import type { DistributedLock, Logger } from "@trip/shared";
import type { RunLock } from "../use-cases/ports.ts";

/** The run lock over Dapr's distributed lock (`lockstore`). The lock expires on its own if we die. */
export const daprRunLock = (lock: DistributedLock, log: Logger): RunLock => ({
  async acquire(resource, owner, ttlSeconds) {
    if (!(await lock.tryLock(resource, owner, ttlSeconds))) return undefined;
    return async () => {
      const outcome = await lock.unlock(resource, owner);
      if (outcome !== "released") log.warn("run lock was not ours any more", { resource, outcome });
    };
  },
});
