import { type Clock, kstDateOf, kstDayRange, type Logger } from "@trip/shared";
import type { RateDatabase } from "./ports.ts";

interface Remembered {
  value: number | null;
  /** Epoch ms after which the value is asked again; Infinity for a found close (a past day never changes). */
  until: number;
}

/**
 * The previous KST day's close of a currency: the last observation before the start of the KST day of
 * the current quote. One indexed query per currency per KST day; "none yet" and failures are asked
 * again after `retryMs`. A database failure yields null (the detail then reports no change), never an error.
 */
export class PreviousCloseReader {
  private readonly remembered = new Map<string, Remembered>();

  constructor(
    private readonly database: RateDatabase,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly retryMs = 60_000,
  ) {}

  async closeBefore(code: string, observedAt: Date): Promise<number | null> {
    const day = kstDateOf(observedAt);
    const key = `${code}:${day}`;
    const now = this.clock.now().getTime();
    const hit = this.remembered.get(key);
    if (hit !== undefined && now < hit.until) return hit.value;
    const dayStart = kstDayRange(day).start;
    try {
      const value = await this.database.lastRateBefore(code, dayStart);
      this.remember(key, { value, until: value === null ? now + this.retryMs : Number.POSITIVE_INFINITY });
      return value;
    } catch (err) {
      this.log.warn("previous close unavailable; reporting no change", { code, err });
      this.remember(key, { value: null, until: now + this.retryMs });
      return null;
    }
  }

  // About one entry per currency per day; cleared wholesale now and then instead of tracking ages.
  private remember(key: string, value: Remembered): void {
    if (this.remembered.size >= 256) this.remembered.clear();
    this.remembered.set(key, value);
  }
}
