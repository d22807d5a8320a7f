import { describe, expect, test } from "bun:test";
import {
  definitionsClosure,
  schemaFileName,
  toStrictJsonSchema,
  withTypeMeta,
} from "./json-schema-transforms.ts";

describe("schema generation", () => {
  test("objects with declared properties reject unknown fields, unless they preserve them", () => {
    const strict = toStrictJsonSchema({
      type: "object",
      description: "dropped",
      properties: {
        spec: { type: "object", properties: { a: { type: "string" } } },
        open: { type: "object", properties: {}, "x-kubernetes-preserve-unknown-fields": true },
      },
    });
    expect(strict).toEqual({
      type: "object",
      additionalProperties: false,
      properties: {
        spec: { type: "object", additionalProperties: false, properties: { a: { type: "string" } } },
        open: { type: "object", properties: {} },
      },
    });
  });

  test("int-or-string and nullable become JSON Schema", () => {
    expect(toStrictJsonSchema({ type: "string", format: "int-or-string" })).toEqual({
      oneOf: [{ type: "string" }, { type: "integer" }],
    });
    expect(toStrictJsonSchema({ "x-kubernetes-int-or-string": true, anyOf: [] })).toEqual({
      oneOf: [{ type: "string" }, { type: "integer" }],
    });
    expect(toStrictJsonSchema({ type: "string", nullable: true })).toEqual({ type: ["string", "null"] });
  });

  test("file names follow kubeconform's {kind}{-group-version} layout", () => {
    expect(schemaFileName("apps/v1", "Deployment")).toBe("deployment-apps-v1.json");
    expect(schemaFileName("v1", "Service")).toBe("service-v1.json");
    expect(schemaFileName("dapr.io/v1alpha1", "Component")).toBe("component-dapr-v1alpha1.json");
    expect(schemaFileName("networking.k8s.io/v1", "NetworkPolicy")).toBe("networkpolicy-networking-v1.json");
  });

  test("a schema embeds exactly the definitions it reaches, and fails on a dangling reference", () => {
    const all = { A: { $ref: "#/definitions/B" }, B: { type: "string" }, C: { type: "number" } };
    expect(definitionsClosure({ properties: { a: { $ref: "#/definitions/A" } } }, all)).toEqual({
      A: all.A,
      B: all.B,
    });
    expect(() => definitionsClosure({ $ref: "#/definitions/Z" }, all)).toThrow("unresolved $ref Z");
  });

  test("apiVersion and kind are pinned and required", () => {
    const schema = withTypeMeta({ properties: { spec: {} }, required: ["spec"] }, "apps/v1", "Deployment");
    expect(schema.properties).toEqual({
      spec: {},
      apiVersion: { enum: ["apps/v1"] },
      kind: { enum: ["Deployment"] },
    });
    expect(schema.required).toEqual(["spec", "apiVersion", "kind"]);
  });
});
