/**
 * Property-based fuzzing of every public route each service documents in its /openapi.json: whatever
 * the parameters, body or correlation header, the answer is a 2xx or one of the contract's 4xx in the
 * envelope — never a 5xx, a stack trace, SQL or an address. Admin routes answer 401 to every input
 * without the admin token. Bodies over 64 KiB answer 413.
 */
import { beforeAll, describe, expect, test } from "bun:test";
import fc from "fast-check";
import { getJson, send } from "../support/client.ts";
import { contractProblems } from "../support/contract.ts";
import { HOSTILE_STRINGS, paramValues, requestBody, textsOf } from "../support/fuzz-inputs.ts";
import { type PublicRoute, routesOf, urlOf } from "../support/openapi-routes.ts";
import { SERVICES, STACK } from "../support/stack-env.ts";
import { SOAK, scenario } from "../support/summary.ts";

const RUNS_PER_ROUTE = SOAK ? 600 : 60;
const MAX_BODY = 64 * 1024;
let routes: PublicRoute[] = [];

/** Samples for body properties, so some generated bodies are valid and reach the code behind validation. */
const BODY_SAMPLES: Record<string, string[]> = {
  country_code: ["JP", "US", "TH", "jp", "KR", "XX"],
  selection_id: ["reliability-fuzz", "a:b.c-d_e"],
};

const correlationHeader = fc.option(
  fc.oneof(
    fc.constantFrom(...HOSTILE_STRINGS.filter((s) => /^[\x20-\x7e]+$/.test(s))),
    fc.stringMatching(/^[\x21-\x7e]{1,300}$/),
  ),
  { nil: undefined },
);

/** Fuzzes one route; resolves to how many inputs were tried and, if one broke the contract, why. */
const fuzzRoute = async (route: PublicRoute): Promise<{ tried: number; failure?: string }> => {
  let tried = 0;
  const body = route.bodyProperties
    ? requestBody(route.bodyProperties, BODY_SAMPLES)
    : fc.constant(undefined);
  const property = fc.asyncProperty(
    paramValues(route.params),
    body,
    correlationHeader,
    async (values, payload, correlation) => {
      tried += 1;
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (correlation !== undefined) headers["x-correlation-id"] = correlation;
      const answer = await send(urlOf(route, values), {
        method: route.method,
        headers,
        ...(payload === undefined ? {} : { body: payload }),
      });
      const inputs = [
        ...textsOf(values),
        ...(payload === undefined ? [] : [payload, ...parsedTexts(payload)]),
      ];
      const problems = contractProblems(answer, inputs);
      // Without the admin token: refused — or, through the gateway, not forwarded at all.
      const refusals = route.viaGateway ? [401, 404] : [401];
      if (route.requiresAdmin && !refusals.includes(answer.status))
        problems.push(`admin route answered ${answer.status}`);
      if (!/^[\w.:-]{1,128}$/.test(answer.headers.get("x-correlation-id") ?? ""))
        problems.push("bad X-Correlation-ID");
      if (problems.length > 0)
        throw new Error(`${problems.join(", ")} (answer: ${answer.text.slice(0, 160)})`);
    },
  );
  // Every hostile string in every parameter and body field, on every run, before the random cases.
  const examples = HOSTILE_STRINGS.map(
    (text): [Record<string, string | undefined>, string | undefined, undefined] => [
      Object.fromEntries(route.params.map((p) => [p.name, text])),
      route.bodyProperties
        ? JSON.stringify(Object.fromEntries(route.bodyProperties.map((k) => [k, text])))
        : undefined,
      undefined,
    ],
  );
  const details = await fc.check(property, { numRuns: RUNS_PER_ROUTE, endOnFailure: true, examples });
  if (!details.failed) return { tried };
  const input = JSON.stringify(details.counterexample).slice(0, 300);
  const reason =
    details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  return { tried, failure: `${route.service} ${route.method} ${route.path} with ${input}: ${reason}` };
};

const parsedTexts = (payload: string): string[] => {
  try {
    return textsOf(JSON.parse(payload));
  } catch {
    return [];
  }
};

describe("bad input on every public route", () => {
  beforeAll(async () => {
    routes = (await Promise.all(SERVICES.map((s) => routesOf(s.appId, s.url)))).flat();
    // The web app forwards /api/v1/* to the services (Dapr service invocation): the same routes again
    // through it, when it runs.
    if ((await getJson(`${STACK.web}/health`)).status === 200)
      routes.push(
        ...routes.map((route) => ({
          ...route,
          service: "web (gateway)",
          baseUrl: STACK.web,
          viaGateway: true,
        })),
      );
  });

  test("the routes are read from each service's /openapi.json", () => {
    const services = new Set(routes.map((r) => r.service));
    for (const service of SERVICES) expect(services.has(service.appId)).toBe(true);
    expect(routes.some((r) => r.method === "POST" && r.bodyProperties)).toBe(true);
  });

  test("fuzzed params, bodies and headers: a 2xx or a contract 4xx, nothing leaked", async () => {
    await scenario("input", `property-based fuzzing (${RUNS_PER_ROUTE} runs per route)`, async (tally) => {
      // Every route is fuzzed even when one fails, so a run lists every route that breaks the contract.
      const failures: string[] = [];
      for (const route of routes) {
        const { tried, failure } = await fuzzRoute(route);
        tally.inputsTried += tried;
        if (failure) failures.push(failure);
      }
      const perService = [...new Set(routes.map((r) => r.service))].map(
        (service) => `${service} ${routes.filter((r) => r.service === service).length}`,
      );
      tally.notes.push(`${routes.length} routes (${perService.join(", ")})`);
      expect(failures).toEqual([]);
    });
  }, 240_000);

  test("a body over 64 KiB answers 413 PAYLOAD_TOO_LARGE on every route that takes one", async () => {
    await scenario("input", "bodies over 64 KiB", async (tally) => {
      const targets = routes.filter((r) => r.method !== "GET");
      const oversized = JSON.stringify({ country_code: "JP", referrer: "x".repeat(MAX_BODY) });
      for (const route of targets) {
        const url = urlOf(route, {});
        const sized = await send(url, {
          method: route.method,
          headers: { "content-type": "application/json" },
          body: oversized,
        });
        tally.inputsTried += 1;
        expect(`${route.path} ${sized.status} ${sized.json?.error?.code}`).toBe(
          `${route.path} 413 PAYLOAD_TOO_LARGE`,
        );
      }
      // Without a Content-Length (chunked), the limit applies while the body is read.
      const selections = targets.find((r) => r.path === "/api/v1/rankings/selections");
      expect(selections).toBeDefined();
      const chunks = new ReadableStream({
        start(controller) {
          for (let i = 0; i < 80; i++) controller.enqueue(new TextEncoder().encode(" ".repeat(1024)));
          controller.close();
        },
      });
      const chunked = await send(urlOf(selections as PublicRoute, {}), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: chunks,
      });
      tally.inputsTried += 1;
      expect(chunked.status).toBe(413);
      tally.notes.push(`${targets.length} routes with Content-Length, 1 chunked`);
    });
  });
});
