/**
 * Rewrites OpenAPI fragments (Kubernetes swagger definitions, CRD openAPIV3Schema) into plain draft-04
 * JSON Schema that kubeconform can evaluate offline, the way the API server would judge the object.
 */
export type Schema = { [key: string]: unknown };

const intOrString: Schema = { oneOf: [{ type: "string" }, { type: "integer" }] };
const quantity: Schema = { oneOf: [{ type: "string" }, { type: "number" }] };

export const specialDefinitions: Record<string, Schema> = {
  "io.k8s.apimachinery.pkg.util.intstr.IntOrString": intOrString,
  "io.k8s.apimachinery.pkg.api.resource.Quantity": quantity,
};

function isSchema(value: unknown): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Returns a deep copy that is strict like `kubectl --validate=strict`: objects with declared `properties`
 * reject unknown fields unless the schema says it preserves them. Descriptions are dropped (size), OpenAPI
 * `nullable` becomes a JSON Schema null type, and `int-or-string` becomes a oneOf.
 */
export function toStrictJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toStrictJsonSchema);
  if (!isSchema(node)) return node;
  if (node.format === "int-or-string" || node["x-kubernetes-int-or-string"] === true) return intOrString;
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "description" || key.startsWith("x-kubernetes-")) continue;
    if (key === "properties" && isSchema(value)) {
      out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toStrictJsonSchema(v)]));
      continue;
    }
    out[key] = toStrictJsonSchema(value);
  }
  if (node.nullable === true && typeof node.type === "string") out.type = [node.type, "null"];
  delete out.nullable;
  const preservesUnknown = node["x-kubernetes-preserve-unknown-fields"] === true;
  if (out.properties !== undefined && out.additionalProperties === undefined && !preservesUnknown) {
    out.additionalProperties = false;
  }
  return out;
}

/** Names of every `#/definitions/<name>` reference reachable from `node`. */
export function collectRefs(node: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) collectRefs(item, into);
  } else if (isSchema(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") into.add(value.replace("#/definitions/", ""));
      else collectRefs(value, into);
    }
  }
  return into;
}

/** The transitive closure of definitions `root` needs, ready to embed as `definitions`. */
export function definitionsClosure(root: unknown, all: Record<string, Schema>): Record<string, unknown> {
  const closure: Record<string, unknown> = {};
  const pending = [...collectRefs(root)];
  while (pending.length > 0) {
    const name = pending.pop() as string;
    if (name in closure) continue;
    const definition = all[name];
    if (definition === undefined) throw new Error(`unresolved $ref ${name}`);
    closure[name] = definition;
    pending.push(...collectRefs(definition));
  }
  return closure;
}

/** kubeconform's file name for a kind: `<kind>-<first label of group>-<version>.json` (core: `<kind>-v1`). */
export function schemaFileName(apiVersion: string, kind: string): string {
  const [groupOrVersion = "", version] = apiVersion.split("/");
  const groupLabel = (groupOrVersion.split(".")[0] ?? "").toLowerCase();
  const suffix = version === undefined ? `-${groupLabel}` : `-${groupLabel}-${version.toLowerCase()}`;
  return `${kind.toLowerCase()}${suffix}.json`;
}

/** Pins apiVersion and kind so a schema only accepts the object it was generated for. */
export function withTypeMeta(schema: Schema, apiVersion: string, kind: string): Schema {
  const properties = isSchema(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? schema.required : [];
  return {
    ...schema,
    properties: { ...properties, apiVersion: { enum: [apiVersion] }, kind: { enum: [kind] } },
    required: [...new Set([...required, "apiVersion", "kind"])],
  };
}
