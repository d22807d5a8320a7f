import { describe, expect, test } from "bun:test";
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { namedSchema, successEnvelopeSchema } from "../http/envelope-schemas.ts";
import { currencyDetailSchema, historySchema, rankingSchema } from "./index.ts";

const documentOf = (schema: Parameters<typeof successEnvelopeSchema>[0]) => {
  const app = new OpenAPIHono();
  const route = createRoute({
    method: "get",
    path: "/x",
    responses: {
      200: { description: "ok", content: { "application/json": { schema: successEnvelopeSchema(schema) } } },
    },
  });
  app.openapi(route, (c) => c.json({} as never, 200));
  return app.getOpenAPIDocument({ openapi: "3.0.0", info: { title: "t", version: "1" } });
};

describe("the shared response schemas (plain zod)", () => {
  test("namedSchema makes one an /openapi.json component, with its .meta() documentation", () => {
    const doc = documentOf(namedSchema(rankingSchema, "Ranking"));
    const ranking = doc.components?.schemas?.Ranking as {
      properties: Record<string, { properties?: Record<string, { example?: unknown }> }>;
    };
    expect(Object.keys(ranking.properties)).toEqual(Object.keys(rankingSchema.shape));
    expect(ranking.properties.date_range?.properties?.from?.example).toBe("2026-11-27");
    // The shared schema itself stays unnamed.
    expect(Object.keys(documentOf(rankingSchema).components?.schemas ?? {})).toEqual([]);
  });

  test("figures the contract allows to be missing are null, never absent", () => {
    const detail = {
      currency_code: "USD",
      currency_name: "미국 달러",
      currency_name_en: "US Dollar",
      country_code: "US",
      country_name: "미국",
      symbol: "$",
      unit: 1,
      current_rate: 1392.4,
      tts: null,
      ttb: null,
      change: null,
      change_percent: null,
      last_updated: "2026-11-27T03:00:00.000Z",
      source: "cache" as const,
    };
    expect(currencyDetailSchema.parse(detail)).toEqual(detail);
    const { tts: _tts, ...withoutTts } = detail;
    expect(currencyDetailSchema.safeParse(withoutTts).success).toBe(false);
    expect(historySchema.safeParse({ base: "KRW", target: "USD", period: "2w" }).success).toBe(false);
  });
});
