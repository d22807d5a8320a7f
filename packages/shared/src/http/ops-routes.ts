import type { OpenAPIHono } from "@hono/zod-openapi";
import { Scalar } from "@scalar/hono-api-reference";
import { failure, ok } from "../envelope.ts";
import type { ErrorCode } from "../errors.ts";
import type { MetricsRegistry } from "../metrics.ts";
import type { Clock } from "../time/clock.ts";

export interface DependencyCheck {
  name: string;
  /** Without it the service cannot work: `/ready` answers 503 while it fails. */
  required: boolean;
  /** Error code `/ready` reports when this required check fails. */
  code?: ErrorCode;
  check: () => Promise<boolean>;
}

export interface OpsOptions {
  service: string;
  version: string;
  description: string;
  clock: Clock;
  metrics: MetricsRegistry;
  checks: DependencyCheck[];
}

type CheckOutcome = { name: string; required: boolean; code: ErrorCode; ok: boolean; latency_ms: number };

const runCheck = async (dep: DependencyCheck): Promise<CheckOutcome> => {
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), 2000);
  });
  const passed = await Promise.race([dep.check().catch(() => false), timeout]);
  clearTimeout(timer);
  const latency_ms = Math.round(performance.now() - started);
  return {
    name: dep.name,
    required: dep.required,
    code: dep.code ?? "INTERNAL_ERROR",
    ok: passed,
    latency_ms,
  };
};

/**
 * `/health` (always 200, healthy|degraded), `/ready` (503 while a required dependency fails),
 * `/metrics` (Prometheus text), `/openapi.json` and `/docs` (from the same zod route schemas).
 */
export const registerOpsRoutes = (app: OpenAPIHono, options: OpsOptions): void => {
  const { clock, service, version } = options;
  const checkAll = () => Promise.all(options.checks.map(runCheck));
  const checksBody = (outcomes: CheckOutcome[]) =>
    Object.fromEntries(
      outcomes.map((o) => [
        o.name,
        { status: o.ok ? "up" : "down", required: o.required, latency_ms: o.latency_ms },
      ]),
    );

  app.get("/health", async (c) => {
    const outcomes = await checkAll();
    const status = outcomes.every((o) => o.ok) ? "healthy" : "degraded";
    return c.json(ok({ status, service, version, checks: checksBody(outcomes) }, clock.now()), 200);
  });
  app.get("/ready", async (c) => {
    const outcomes = await checkAll();
    const failing = outcomes.find((o) => o.required && !o.ok);
    if (!failing)
      return c.json(
        ok({ status: "ready", service, version, checks: checksBody(outcomes) }, clock.now()),
        200,
      );
    const body = failure(failing.code, `${failing.name} is not available`, clock.now(), {
      checks: checksBody(outcomes),
    });
    return c.json(body, 503);
  });
  app.get("/metrics", (c) =>
    c.text(options.metrics.render(), 200, { "content-type": "text/plain; version=0.0.4" }),
  );
  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: { title: service, version, description: options.description },
  });
  app.get("/docs", Scalar({ url: "/openapi.json", pageTitle: `${service} API` }));
};

/** A dependency probe for a state store: a read that must not fail (a missing key is fine). */
export const stateStoreProbe =
  (store: { get(key: string): Promise<unknown> }) => async (): Promise<boolean> => {
    await store.get("health:probe");
    return true;
  };

/** A dependency probe for the SQL binding. */
export const sqlProbe = (db: { query(sql: string): Promise<unknown[]> }) => async (): Promise<boolean> =>
  (await db.query("SELECT 1 AS ok")).length === 1;
