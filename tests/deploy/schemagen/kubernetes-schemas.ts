import {
  definitionsClosure,
  type Schema,
  schemaFileName,
  specialDefinitions,
  toStrictJsonSchema,
  withTypeMeta,
} from "./json-schema-transforms.ts";

type GroupVersionKind = { group: string; version: string; kind: string };
export type GeneratedSchema = { file: string; schema: Schema };

export const objectMetaRef = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

/** Every swagger definition, made strict, with the special scalar types replaced. */
export function strictDefinitions(swagger: { definitions: Record<string, Schema> }): Record<string, Schema> {
  const out: Record<string, Schema> = {};
  for (const [name, definition] of Object.entries(swagger.definitions)) {
    out[name] = specialDefinitions[name] ?? (toStrictJsonSchema(definition) as Schema);
  }
  return out;
}

function apiVersionOf({ group, version }: GroupVersionKind): string {
  return group === "" ? version : `${group}/${version}`;
}

/**
 * One standalone schema per Kubernetes kind in the API server's swagger document (the file shipped in the
 * k8s.io/kubernetes module at api/openapi-spec/swagger.json), each embedding the definitions it needs.
 */
export function kubernetesSchemas(swagger: { definitions: Record<string, Schema> }): GeneratedSchema[] {
  const definitions = strictDefinitions(swagger);
  const schemas: GeneratedSchema[] = [];
  for (const [name, original] of Object.entries(swagger.definitions)) {
    const kinds = original["x-kubernetes-group-version-kind"] as GroupVersionKind[] | undefined;
    if (kinds?.length !== 1) continue; // multi-kind wrappers (WatchEvent, DeleteOptions) are never applied
    const [gvk] = kinds as [GroupVersionKind];
    const body = definitions[name] as Schema;
    const apiVersion = apiVersionOf(gvk);
    const schema = withTypeMeta(body, apiVersion, gvk.kind);
    schemas.push({
      file: schemaFileName(apiVersion, gvk.kind),
      schema: {
        $schema: "http://json-schema.org/draft-04/schema#",
        ...schema,
        definitions: definitionsClosure(body, definitions),
      },
    });
  }
  return schemas;
}
