import type { SidecarTransport } from "./transport.ts";

/** The narrow port for Dapr's distributed lock (alpha API). */
export interface DistributedLock {
  /** true when this owner now holds the lock; false when someone else does. */
  tryLock(resourceId: string, owner: string, expiryInSeconds: number): Promise<boolean>;
  /** "released" | "not-found" | "held-by-other" */
  unlock(resourceId: string, owner: string): Promise<"released" | "not-found" | "held-by-other">;
}

const UNLOCK_STATUS = ["released", "not-found", "held-by-other"] as const;

export const distributedLock = (transport: SidecarTransport, store: string): DistributedLock => ({
  async tryLock(resourceId, lockOwner, expiryInSeconds) {
    const res = await transport.send(`lock ${store}`, `/v1.0-alpha1/lock/${encodeURIComponent(store)}`, {
      body: { resourceId, lockOwner, expiryInSeconds },
    });
    return (JSON.parse(res.body) as { success?: boolean }).success === true;
  },
  async unlock(resourceId, lockOwner) {
    const res = await transport.send(`unlock ${store}`, `/v1.0-alpha1/unlock/${encodeURIComponent(store)}`, {
      body: { resourceId, lockOwner },
    });
    const status = (JSON.parse(res.body) as { status?: number }).status ?? 0;
    const named = UNLOCK_STATUS[status];
    if (!named) throw new Error(`unlock ${store}: lock store reported an internal error (status ${status})`);
    return named;
  },
});
