/** What an OpenAPI schema validator answers (e.g. `new Validator().validate(doc)` of @seriousme/openapi-schema-validator). */
export interface OpenApiValidation {
  valid: boolean;
  errors?: unknown;
}

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Every security requirement of the document, with where it stands ("POST /api/v1/x" or "document"). */
const securityRequirements = (doc: JsonObject): { where: string; requirement: unknown }[] => {
  const found: { where: string; requirement: unknown }[] = [];
  const add = (where: string, security: unknown) => {
    if (Array.isArray(security)) for (const requirement of security) found.push({ where, requirement });
  };
  add("document", doc.security);
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (isObject(operation)) add(`${method.toUpperCase()} ${path}`, operation.security);
    }
  }
  return found;
};

/**
 * What is wrong with a service's /openapi.json: the validator's errors against the OpenAPI 3 schema,
 * and every security requirement naming a scheme that `components.securitySchemes` does not register
 * (valid JSON to the schema, yet no client generator or docs UI can use it). Empty when it is sound.
 * @example expect(await openApiDocumentProblems(doc, (d) => new Validator().validate(d))).toEqual([]);
 */
export const openApiDocumentProblems = async (
  doc: unknown,
  validate: (doc: JsonObject) => Promise<OpenApiValidation>,
): Promise<string[]> => {
  if (!isObject(doc)) return ["the document is not a JSON object"];
  const problems: string[] = [];
  const result = await validate(doc);
  if (!result.valid) problems.push(`schema: ${JSON.stringify(result.errors)}`);
  const components = isObject(doc.components) ? doc.components : {};
  const schemes = isObject(components.securitySchemes) ? components.securitySchemes : {};
  for (const { where, requirement } of securityRequirements(doc)) {
    for (const name of isObject(requirement) ? Object.keys(requirement) : []) {
      if (!(name in schemes)) problems.push(`${where}: security scheme "${name}" is not registered`);
    }
  }
  return problems;
};
