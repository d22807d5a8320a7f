/**
 * The rates a page drew, as its own API answers carried them, and the guard that keeps polluted pictures
 * out of docs/screenshots: a screenshot is refused when a drawn series (`GET /api/v1/history`) or a
 * shown day-over-day change (`GET /api/v1/currencies/{code}`) moves further than the FX sandbox can
 * (sandbox-moves.ts) — a sign that the stack's history holds rows a benchmark or a test left behind.
 */
import { addKstDays, kstDateOf } from "@trip/shared";
import type { Page } from "playwright-core";
import { describeJump, type ImpossibleJump, impossibleJumps, type RatePoint } from "./sandbox-moves.ts";

/** The parts of the answers the guard reads (the contract's fields). */
interface HistoryData {
  target: string;
  results: RatePoint[];
}
interface CurrencyDetailData {
  currency_code: string;
  current_rate: number;
  change_percent: number | null;
  last_updated: string;
}

const HISTORY = /\/api\/v1\/history\?/;
const CURRENCY_DETAIL = /\/api\/v1\/currencies\/[A-Z]{3}$/;

/** Jumps in what one API answer (its `data`) showed; answers of other routes show none. */
export const jumpsInAnswer = (url: string, data: unknown): ImpossibleJump[] => {
  const path = new URL(url).pathname + new URL(url).search;
  if (HISTORY.test(path)) {
    const { target, results } = data as HistoryData;
    return impossibleJumps(target, results);
  }
  if (CURRENCY_DETAIL.test(new URL(url).pathname)) {
    const { currency_code, current_rate, change_percent, last_updated } = data as CurrencyDetailData;
    if (change_percent === null) return [];
    // "전일 대비": today's rate against the previous KST day's close.
    const today = kstDateOf(new Date(last_updated));
    const previous = { date: addKstDays(today, -1), rate: current_rate / (1 + change_percent / 100) };
    return impossibleJumps(currency_code, [previous, { date: today, rate: current_rate }]);
  }
  return [];
};

export interface RenderedRates {
  /** Every impossible jump in the rate answers the page received so far. */
  jumps(): Promise<ImpossibleJump[]>;
}

/** Starts recording the rate answers `page` receives (call before navigating). */
export const recordRenderedRates = (page: Page): RenderedRates => {
  const answers: Promise<ImpossibleJump[]>[] = [];
  page.on("response", (res) => {
    const url = res.url();
    if (res.status() !== 200 || !(HISTORY.test(url) || CURRENCY_DETAIL.test(new URL(url).pathname))) return;
    answers.push(
      res.json().then(
        (body: { data?: unknown }) => jumpsInAnswer(url, body.data),
        // The body of an answer the page abandoned by navigating away is gone; it drew nothing.
        () => [],
      ),
    );
  });
  return { jumps: async () => (await Promise.all(answers)).flat() };
};

/** Throws instead of letting `file` be written when the page drew a move the sandbox never makes. */
export const refuseImpossibleRates = async (rendered: RenderedRates, file: string): Promise<void> => {
  // The same answer arrives once per visit of the page: each jump is named once.
  const jumps = [...new Set((await rendered.jumps()).map(describeJump))];
  if (jumps.length === 0) return;
  throw new Error(
    `refusing to write ${file}: the page drew rates the FX sandbox can never produce, so the stack's history holds data a benchmark or a test left behind (take screenshots on a clean stack with a backfilled year):\n  ${jumps.join("\n  ")}`,
  );
};
