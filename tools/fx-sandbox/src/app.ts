import { Hono } from "hono";
import type { ControlState } from "./domain/misbehaviour.ts";
import { createRateModel } from "./domain/rate-model.ts";
import type { ReferenceRates } from "./domain/reference-rates.ts";
import { controlRoutes } from "./routes/control.ts";
import { exchangeRateApiRoutes } from "./routes/exchangerate-api.ts";
import { eximbankRoutes } from "./routes/eximbank.ts";
import { frankfurterRoutes } from "./routes/frankfurter.ts";
import { type Clock, type ControlSwitch, type ProviderDeps, sandboxError } from "./sandbox-env.ts";

export interface SandboxOptions {
  readonly clock: Clock;
  /** When given, `POST /__clock {"advanceMs": n}` moves the sandbox's market time forward. */
  readonly advanceClock?: (ms: number) => void;
  /** Same seed, same market: every rate at every instant is reproducible. */
  readonly seed: string;
  readonly reference: ReferenceRates;
  /** When set, Eximbank's `authkey` must equal it (any non-empty key is accepted otherwise). */
  readonly apiKey?: string;
  /** Misbehaviour at start (default normal, 5000 ms when slow). */
  readonly control?: Partial<ControlState>;
  /** How `slow` waits; tests may pass a fake. */
  readonly sleep?: (ms: number) => Promise<void>;
}

const createControlSwitch = (initial: ControlState): ControlSwitch => {
  let current = initial;
  return {
    get: () => ({ ...current }),
    set: (next) => {
      current = { ...next };
    },
  };
};

/** The FX sandbox: ExchangeRate-API, Korea Eximbank AP01 and Frankfurter look-alikes over one seeded market. */
export const createApp = (options: SandboxOptions) => {
  const model = createRateModel({ seed: options.seed, reference: options.reference });
  const control = createControlSwitch({
    mode: options.control?.mode ?? "normal",
    slowMs: options.control?.slowMs ?? 5000,
  });
  const deps: ProviderDeps = {
    model,
    clock: options.clock,
    control,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    apiKey: options.apiKey,
  };
  return new Hono()
    .get("/health", (c) =>
      c.json({
        status: "ok",
        service: "fx-sandbox",
        now: options.clock.now().toISOString(),
        reference_date: options.reference.date,
        currencies: model.currencies.length,
        control: control.get(),
      }),
    )
    .route("/__control", controlRoutes(control))
    .post("/__clock", async (c) => {
      const body = (await c.req.json().catch(() => ({}))) as { advanceMs?: unknown };
      const ms = Number(body.advanceMs);
      if (!options.advanceClock || !Number.isFinite(ms) || ms <= 0) {
        return c.json(sandboxError('expected {"advanceMs": <positive number>}'), 400);
      }
      options.advanceClock(ms);
      return c.json({ now: options.clock.now().toISOString() });
    })
    .route("/v6", exchangeRateApiRoutes(deps))
    .route("/site/program/financial", eximbankRoutes(deps))
    .route("/v1", frankfurterRoutes(deps))
    .notFound((c) => c.json(sandboxError(`no such endpoint: ${c.req.method} ${c.req.path}`), 404));
};
