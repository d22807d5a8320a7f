import { z } from "zod";

/**
 * How the sandbox answers provider requests:
 * - normal: correct data;
 * - error: the provider's own error result (ExchangeRate-API `result: "error"`, Eximbank `result` 4, ...);
 * - garbage: HTTP 200 whose body is the normal JSON cut in half (unparseable);
 * - slow: the normal answer after `slowMs`;
 * - http500: HTTP 500 with a plain-text body;
 * - empty: a well-formed answer with no data (Eximbank `[]`, `rates: {}` elsewhere).
 */
export const MISBEHAVIOUR_MODES = ["normal", "error", "garbage", "slow", "http500", "empty"] as const;
export type Misbehaviour = (typeof MISBEHAVIOUR_MODES)[number];

export const MAX_SLOW_MS = 120_000;

export const misbehaviourSchema = z.enum(MISBEHAVIOUR_MODES);
export const slowMsSchema = z.coerce.number().int().min(0).max(MAX_SLOW_MS);

/** Body of `POST /__control`. */
export const controlUpdateSchema = z.strictObject({
  mode: misbehaviourSchema,
  slowMs: slowMsSchema.optional(),
});

export interface ControlState {
  mode: Misbehaviour;
  slowMs: number;
}

/** The normal body cut in half: still starts like JSON, never parses. */
export const garbageOf = (body: string): string => body.slice(0, Math.max(1, Math.floor(body.length / 2)));

/** The same answer with its data removed: arrays become `[]`, a `rates` object becomes `{}`. */
export const emptiedBody = (body: unknown): unknown => {
  if (Array.isArray(body)) return [];
  if (typeof body === "object" && body !== null && "rates" in body) return { ...body, rates: {} };
  return body;
};
