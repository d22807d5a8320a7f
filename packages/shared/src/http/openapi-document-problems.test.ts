import { describe, expect, test } from "bun:test";
import { openApiDocumentProblems } from "./openapi-document-problems.ts";

const valid = async () => ({ valid: true });
const documentWith = (security: Record<string, string[]>[], schemes?: Record<string, unknown>) => ({
  openapi: "3.1.0",
  info: { title: "t", version: "1" },
  paths: { "/api/v1/run": { post: { security, responses: { 200: { description: "ok" } } } } },
  ...(schemes ? { components: { securitySchemes: schemes } } : {}),
});

describe("openApiDocumentProblems", () => {
  test("a security requirement naming an unregistered scheme is a problem, even when the schema passes", async () => {
    expect(await openApiDocumentProblems(documentWith([{ bearerAuth: [] }]), valid)).toEqual([
      'POST /api/v1/run: security scheme "bearerAuth" is not registered',
    ]);
    const registered = documentWith([{ adminToken: [] }], { adminToken: { type: "http", scheme: "bearer" } });
    expect(await openApiDocumentProblems(registered, valid)).toEqual([]);
  });

  test("the validator's verdict is reported with its errors", async () => {
    const invalid = async () => ({
      valid: false,
      errors: [{ message: "must have required property 'info'" }],
    });
    const problems = await openApiDocumentProblems({ openapi: "3.1.0", paths: {} }, invalid);
    expect(problems).toEqual([`schema: [{"message":"must have required property 'info'"}]`]);
    expect(await openApiDocumentProblems("not json", valid)).toEqual(["the document is not a JSON object"]);
  });
});
