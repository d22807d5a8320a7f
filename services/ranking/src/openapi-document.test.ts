import { expect, test } from "bun:test";
import { Validator } from "@seriousme/openapi-schema-validator";
import { manualClock, openApiDocumentProblems } from "@trip/shared";
import { overridableClock } from "./adapters/overridable-clock.ts";
import { inMemoryRanking } from "./testing/in-memory-ranking.ts";

test("/openapi.json, every admin and old-frontend route included, is a valid OpenAPI 3 document", async () => {
  const clock = manualClock("2026-11-27T03:00:00Z");
  const env = { LEGACY_CLIENT_COMPAT: "true", ALLOW_CLOCK_OVERRIDE: "true" };
  const { app } = inMemoryRanking({ clock, env, clockOverride: overridableClock(clock) });
  const doc = await (await app.request("/openapi.json")).json();
  expect(Object.keys(doc.paths)).toContain("/api/v1/rankings/admin/clock");
  expect(await openApiDocumentProblems(doc, (d) => new Validator().validate(d))).toEqual([]);
});
