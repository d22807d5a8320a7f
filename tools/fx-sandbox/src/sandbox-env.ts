import type { ControlState } from "./domain/misbehaviour.ts";
import type { RateModel } from "./domain/rate-model.ts";

/** The source of "now". Tests pass a fixed one; `?at=` overrides it per request. */
export interface Clock {
  now(): Date;
}

/** Hono environment of the provider routes: the instant the request is answered for. */
export type SandboxEnv = { Variables: { instantMs: number } };

/** The mutable misbehaviour switch shared by `/__control` and the provider routes. */
export interface ControlSwitch {
  get(): ControlState;
  set(next: ControlState): void;
}

/** What every provider route needs. */
export interface ProviderDeps {
  readonly model: RateModel;
  readonly clock: Clock;
  readonly control: ControlSwitch;
  readonly sleep: (ms: number) => Promise<void>;
  /** When set, Eximbank's `authkey` must equal it. */
  readonly apiKey: string | undefined;
}

/** Answer to a request the sandbox itself cannot serve (bad `at`, bad `__mode`): not a provider format. */
export const sandboxError = (message: string) => ({ sandbox_error: message });
