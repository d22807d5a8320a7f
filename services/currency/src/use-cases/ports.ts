import type { RatesUpdatedEvent } from "@trip/shared";
import type { RateBook } from "../domain/rate-book.ts";
import type { NeededRates, RateView } from "./rate-reader.ts";

/** What the routes need of the read path (a `RateReader` in production, over fake stores in tests). */
export interface RatesPort {
  read(needed: NeededRates): Promise<RateView>;
  /** Every rate, when they can be served from memory at once; undefined when `read` must decide. */
  peek(): RateView | undefined;
  applyEvent(event: RatesUpdatedEvent): "applied" | "duplicate" | "stale";
  readonly current: RateBook;
}

/** What the detail route needs to compute the change against the previous KST day. */
export interface PreviousClosePort {
  closeBefore(code: string, observedAt: Date): Promise<number | null>;
}
