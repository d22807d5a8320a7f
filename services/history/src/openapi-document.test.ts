import { expect, test } from "bun:test";
import { Validator } from "@seriousme/openapi-schema-validator";
import { openApiDocumentProblems } from "@trip/shared";
import { buildTestApp } from "./testing/test-app.ts";

test("/openapi.json, admin and old-frontend routes included, is a valid OpenAPI 3 document", async () => {
  const { app } = buildTestApp({ legacyClientCompat: true });
  const doc = await (await app.request("/openapi.json")).json();
  expect(await openApiDocumentProblems(doc, (d) => new Validator().validate(d))).toEqual([]);
});
