/**
 * How far the FX sandbox's market can move a rate, derived from its model (tools/fx-sandbox,
 * src/domain/{prng,walk-factors,factor-path}.ts) — so a chart that jumps further was not drawn from the
 * sandbox's data, but from rows a benchmark or a test left in the stack's history. Pure.
 *
 * The model: ln(KRW per X) = reference + u + f, u the USD/KRW walk and f X's walk against USD. On each
 * KST business day a walk x moves by m − κ·x, where the shock m = σ·z with z cut at ±C (NORMAL_TAIL_CUT)
 * and 0 < κ < 1 pulls back towards the reference. Starting from 0, |x| never exceeds C·σ/κ (if it holds
 * for x, it holds for (1 − κ)·x + m), so one business day moves a walk by at most C·σ + κ·C·σ/κ = 2·C·σ,
 * and the rate's close by at most 2·C·(σ_u + σ_f) in log. Weekends do not move.
 * Within a business day the rate runs from the previous close to the day's close plus a Brownian
 * bridge; the bridge of a walk leaves ±C·σ with a probability below 1e-10 per day (2·e^(−2C²)).
 * A drawn point is a day's (or a bucket's) average, so it lies between the closes around it give or
 * take the bridge: two points whose KST days span n business days (both ends included) differ by at
 * most 2·C·σ·(n + 1) in log, σ = σ_u + σ_f.
 */
import { kstDateOf } from "@trip/shared";
import { NORMAL_TAIL_CUT } from "../../../tools/fx-sandbox/src/domain/prng.ts";
import { factorAgainstUsd, USD_KRW_FACTOR } from "../../../tools/fx-sandbox/src/domain/walk-factors.ts";

/** Rounding of the providers' decimals and of the stored DECIMAL(20,8), far below any real move. */
const ROUNDING = 1e-6;

/** Daily σ of ln(KRW per unit of `code`) in the sandbox: USD/KRW's plus the currency's against USD. */
export const dailySigma = (code: string): number =>
  USD_KRW_FACTOR.dailySigma + (factorAgainstUsd(code)?.dailySigma ?? 0);

const DAY_MS = 86_400_000;

/** KST business days (Mon–Fri; the sandbox has no holidays) from `first` to `last`, both included. */
export const businessDaysBetween = (first: string, last: string): number => {
  let count = 0;
  // A date's weekday is a property of the calendar date alone, so UTC midnight stands for it.
  for (let at = Date.parse(`${first}T00:00:00Z`); at <= Date.parse(`${last}T00:00:00Z`); at += DAY_MS) {
    const weekday = new Date(at).getUTCDay();
    if (weekday !== 0 && weekday !== 6) count++;
  }
  return count;
};

/** The largest |ln(later / earlier)| the sandbox can show between points of the KST days `first`..`last`. */
export const maxLogMove = (code: string, first: string, last: string): number =>
  2 * NORMAL_TAIL_CUT * dailySigma(code) * (businessDaysBetween(first, last) + 1) + ROUNDING;

export interface RatePoint {
  /** A KST date (`YYYY-MM-DD`) or an ISO instant (intraday buckets). */
  date: string;
  rate: number;
}

export interface ImpossibleJump {
  code: string;
  from: RatePoint;
  to: RatePoint;
  changePercent: number;
  limitPercent: number;
}

const kstDayOfPoint = (date: string): string => (date.length === 10 ? date : kstDateOf(new Date(date)));
const percent = (logMove: number) => Math.round((Math.exp(logMove) - 1) * 10_000) / 100;

/** Consecutive points of a series (oldest first) that are further apart than the sandbox can move. */
export const impossibleJumps = (code: string, points: readonly RatePoint[]): ImpossibleJump[] =>
  points.slice(1).flatMap((to, i) => {
    const from = points[i] as RatePoint;
    const move = Math.log(to.rate / from.rate);
    const limit = maxLogMove(code, kstDayOfPoint(from.date), kstDayOfPoint(to.date));
    if (Number.isFinite(move) && Math.abs(move) <= limit) return [];
    const limitPercent = percent(limit);
    return [{ code, from, to, changePercent: percent(move), limitPercent }];
  });

export const describeJump = ({ code, from, to, changePercent, limitPercent }: ImpossibleJump): string =>
  `${code} ${from.date} → ${to.date}: ${from.rate} → ${to.rate} (${changePercent > 0 ? "+" : ""}${changePercent} %; the FX sandbox moves at most ±${limitPercent} % over that span)`;
