/** The public routes of a running service, read from its own `/openapi.json`. */
import { getJson, type Json as JsonAny } from "./client.ts";

export interface RouteParam {
  name: string;
  in: "query" | "path";
  required: boolean;
  /** enum values or an example from the schema, used to build valid-looking requests */
  samples: string[];
}

export interface PublicRoute {
  service: string;
  baseUrl: string;
  method: "GET" | "POST" | "PUT" | "DELETE" | "PATCH";
  path: string;
  params: RouteParam[];
  /** Property names of a JSON request body, when the route takes one. */
  bodyProperties: string[] | undefined;
  requiresAdmin: boolean;
  documentedStatuses: number[];
  /** The same route reached through the web app's /api/v1 gateway. */
  viaGateway?: boolean;
}

type Json = Record<string, JsonAny>;

const samplesOf = (schema: Json | undefined): string[] => {
  if (!schema) return [];
  const values = [...(schema.enum ?? []), schema.example, schema.default].filter((v) => v !== undefined);
  return values.map(String);
};

const resolve = (doc: Json, schema: Json | undefined): Json | undefined => {
  const ref = schema?.$ref as string | undefined;
  if (!ref) return schema;
  return ref
    .split("/")
    .slice(1)
    .reduce<Json | undefined>((node, key) => node?.[key], doc);
};

export const routesOf = async (service: string, baseUrl: string): Promise<PublicRoute[]> => {
  const answer = await getJson(`${baseUrl}/openapi.json`);
  if (answer.status !== 200) throw new Error(`${service} /openapi.json answered ${answer.status}`);
  const doc = answer.json as Json;
  const routes: PublicRoute[] = [];
  for (const [path, operations] of Object.entries(doc.paths ?? {}) as Array<[string, Json]>) {
    for (const [method, op] of Object.entries(operations) as Array<[string, Json]>) {
      if (!["get", "post", "put", "delete", "patch"].includes(method)) continue;
      const params: RouteParam[] = ((op.parameters ?? []) as Json[])
        .filter((p) => p.in === "query" || p.in === "path")
        .map((p) => ({
          name: p.name,
          in: p.in,
          required: Boolean(p.required),
          samples: samplesOf(resolve(doc, p.schema)),
        }));
      const bodySchema = resolve(doc, op.requestBody?.content?.["application/json"]?.schema);
      routes.push({
        service,
        baseUrl,
        method: method.toUpperCase() as PublicRoute["method"],
        path,
        params,
        bodyProperties: bodySchema ? Object.keys(bodySchema.properties ?? {}) : undefined,
        requiresAdmin: Array.isArray(op.security) && op.security.length > 0,
        documentedStatuses: Object.keys(op.responses ?? {}).map(Number),
      });
    }
  }
  return routes;
};

/** `/a/{code}/b` with the given path values (URL-encoded) and query string. */
export const urlOf = (route: PublicRoute, values: Record<string, string | undefined>): string => {
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? ""));
  const query = new URLSearchParams();
  for (const param of route.params)
    if (param.in === "query" && values[param.name] !== undefined)
      query.set(param.name, values[param.name] as string);
  const qs = query.toString();
  return `${route.baseUrl}${path}${qs ? `?${qs}` : ""}`;
};
