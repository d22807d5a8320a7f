import { z } from "zod";

/**
 * Building blocks of the response schemas. Plain zod: documentation goes in `.meta()` (zod's global
 * registry), which @hono/zod-openapi's generator reads, so the browser bundle needs no OpenAPI code.
 */

/** A UTC ISO-8601 instant on the wire. */
export const isoInstant = z.string().meta({ example: "2026-11-27T03:00:00.000Z" });

/** A KST calendar date, `YYYY-MM-DD`. */
export const kstDateString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .meta({ example: "2026-11-27" });

/** A figure the contract allows to be `null` when there is too little data. */
export const nullableNumber = z.number().nullable();

export const TRENDS = ["upward", "downward", "stable"] as const;
