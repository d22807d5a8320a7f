import type { Clock, DistributedLock, Publisher } from "@trip/shared";

export interface RecordingPublisher extends Publisher {
  published: { topic: string; data: unknown }[];
  /** Throw from it to make publishing fail. */
  intercept: ((topic: string, data: unknown) => void) | undefined;
  of<T>(topic: string): T[];
}

export const recordingPublisher = (): RecordingPublisher => {
  const published: { topic: string; data: unknown }[] = [];
  const self: RecordingPublisher = {
    published,
    intercept: undefined,
    async publish(topic, data) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      self.intercept?.(topic, data);
      published.push({ topic, data: structuredClone(data) });
    },
    async publishMany(topic, messages) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      for (const { data } of messages) self.intercept?.(topic, data);
      for (const { data } of messages) published.push({ topic, data: structuredClone(data) });
    },
    of: <T>(topic: string) => published.filter((p) => p.topic === topic).map((p) => p.data as T),
  };
  return self;
};

/** The Dapr lock's semantics (owner, expiry on the given clock) over one shared map. */
export const inMemoryLock = (clock: Clock, held = new Map<string, { owner: string; until: number }>()) => {
  const lock: DistributedLock = {
    async tryLock(resource, owner, expirySeconds) {
      const now = clock.now().getTime();
      const current = held.get(resource);
      if (current && current.until > now) return false;
      held.set(resource, { owner, until: now + expirySeconds * 1000 });
      return true;
    },
    async unlock(resource, owner) {
      const current = held.get(resource);
      if (!current || current.until <= clock.now().getTime()) return "not-found";
      if (current.owner !== owner) return "held-by-other";
      held.delete(resource);
      return "released";
    },
  };
  return { lock, held };
};
