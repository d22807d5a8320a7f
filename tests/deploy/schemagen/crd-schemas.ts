import {
  definitionsClosure,
  type Schema,
  schemaFileName,
  toStrictJsonSchema,
  withTypeMeta,
} from "./json-schema-transforms.ts";
import { type GeneratedSchema, objectMetaRef } from "./kubernetes-schemas.ts";

type CrdVersion = { name: string; served?: boolean; schema?: { openAPIV3Schema?: Schema } };
type Crd = { kind?: string; spec?: { group: string; names: { kind: string }; versions: CrdVersion[] } };

/** Parses a YAML file that may hold one or several documents. */
export function parseYamlDocuments(text: string): unknown[] {
  const parsed = Bun.YAML.parse(text) as unknown;
  return (Array.isArray(parsed) && text.includes("\n---") ? parsed : [parsed]).filter((doc) => doc != null);
}

/**
 * One schema per served version of each CustomResourceDefinition. CRD schemas leave `metadata` open, so the
 * Kubernetes ObjectMeta schema is substituted: the API server validates it the same way for custom resources.
 */
export function crdSchemas(documents: unknown[], k8sDefinitions: Record<string, Schema>): GeneratedSchema[] {
  const schemas: GeneratedSchema[] = [];
  for (const document of documents as Crd[]) {
    if (document.kind !== "CustomResourceDefinition" || document.spec === undefined) continue;
    const { group, names, versions } = document.spec;
    for (const version of versions) {
      const openApi = version.schema?.openAPIV3Schema;
      if (version.served === false || openApi === undefined) continue;
      const apiVersion = `${group}/${version.name}`;
      const strict = toStrictJsonSchema(openApi) as Schema;
      const properties = {
        ...(strict.properties as Schema),
        metadata: { $ref: `#/definitions/${objectMetaRef}` },
      };
      const body = withTypeMeta({ ...strict, properties }, apiVersion, names.kind);
      schemas.push({
        file: schemaFileName(apiVersion, names.kind),
        schema: {
          $schema: "http://json-schema.org/draft-04/schema#",
          ...body,
          definitions: definitionsClosure(body, k8sDefinitions),
        },
      });
    }
  }
  return schemas;
}
