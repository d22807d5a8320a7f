/** One limit that applies to a request: at most `limit` requests per window for `key`. */
export interface RateLimitRule {
  key: string;
  limit: number;
}

export type RateLimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number; key: string };

interface Window {
  startMs: number;
  count: number;
}

/**
 * Fixed-window counters kept in this replica's memory (see README: limits are per replica). A request is
 * allowed only when every rule it falls under has room for its `cost` (the selections it makes at once);
 * only an allowed request uses up its rules.
 * `Retry-After` is the time until the blocking window ends, rounded up to whole seconds (at least 1).
 * @example const limiter = new FixedWindowLimiter(60_000); limiter.attempt([{ key: "ip:1.2.3.4", limit: 60 }], Date.now());
 */
export class FixedWindowLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly windowMs: number,
    private readonly maxTrackedKeys = 100_000,
  ) {}

  attempt(rules: readonly RateLimitRule[], nowMs: number, cost = 1): RateLimitVerdict {
    const startMs = nowMs - (nowMs % this.windowMs);
    for (const rule of rules) {
      const window = this.windows.get(rule.key);
      const used = window && window.startMs === startMs ? window.count : 0;
      if (used + cost > rule.limit) {
        const retryAfterSeconds = Math.max(1, Math.ceil((startMs + this.windowMs - nowMs) / 1000));
        return { allowed: false, retryAfterSeconds, key: rule.key };
      }
    }
    if (this.windows.size >= this.maxTrackedKeys) this.forgetBefore(startMs);
    for (const rule of rules) {
      const window = this.windows.get(rule.key);
      if (window && window.startMs === startMs) window.count += cost;
      else this.windows.set(rule.key, { startMs, count: cost });
    }
    return { allowed: true };
  }

  /** Windows that ended no longer limit anything; drop them so memory stays bounded. */
  private forgetBefore(startMs: number): void {
    for (const [key, window] of this.windows) if (window.startMs < startMs) this.windows.delete(key);
  }
}
