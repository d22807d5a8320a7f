import type { Logger } from "./logger.ts";

/** The part of `process` a shutdown needs, so a test can send the signal and see the exit. */
export interface SignalTarget {
  once(signal: "SIGTERM" | "SIGINT", listener: () => void): unknown;
  exit(code: number): void;
}

/** Set once this process got SIGTERM or SIGINT (signals are process-wide, so is this). */
let processDraining = false;

/** Whether this process is draining: answering still, but on its way out. */
export const isDraining = (): boolean => processDraining;

/**
 * Exits cleanly on SIGTERM or SIGINT after `drainSeconds` of serving on. In a pod the app is process 1,
 * which the kernel never kills on an unhandled SIGTERM: without this, every pod deletion waits out its
 * whole grace period. The drain keeps answering while Kubernetes takes the pod out of its Services
 * (that happens at the same time as the signal, not before it), so no request meets a closed port.
 * `onDrain` runs at the signal (default: `isDraining()` turns true); `beforeExit` (e.g. sending the
 * last spans) runs after the drain, given at most `beforeExitMs` before the process exits anyway.
 * @example exitOnTermination({ drainSeconds: config.SHUTDOWN_DRAIN_SECONDS, log });
 */
export const exitOnTermination = ({
  drainSeconds,
  log,
  target = process,
  schedule = setTimeout,
  onDrain = () => {
    processDraining = true;
  },
  beforeExit,
  beforeExitMs = 2000,
}: {
  drainSeconds: number;
  log: Logger;
  target?: SignalTarget;
  schedule?: (run: () => void, ms: number) => unknown;
  onDrain?: () => void;
  beforeExit?: () => Promise<unknown>;
  beforeExitMs?: number;
}): void => {
  let stopping = false;
  const exit = () => {
    if (!beforeExit) return target.exit(0);
    // Bounded: a collector that does not answer must not keep the pod past its grace period.
    const bounded = new Promise((resolve) => schedule(() => resolve(undefined), beforeExitMs));
    const done = beforeExit().catch((err: unknown) => log.warn("before exit failed", { err }));
    void Promise.race([done, bounded]).then(() => target.exit(0));
  };
  const stop = (signal: string) => () => {
    if (stopping) return;
    stopping = true;
    onDrain();
    log.info("shutting down", { signal, drain_seconds: drainSeconds });
    schedule(exit, drainSeconds * 1000);
  };
  target.once("SIGTERM", stop("SIGTERM"));
  target.once("SIGINT", stop("SIGINT"));
};

type Fetch = (request: Request, ...rest: never[]) => Response | Promise<Response>;

/**
 * `fetch` answering `Connection: close` while the process drains. A client's kept-alive connection stays
 * on the pod it was opened to whatever the Service's endpoints say since; closing it after each answer
 * sends the client's next request through the Service again, to a pod that is staying.
 */
export const closeConnectionsWhileDraining = <F extends Fetch>(fetch: F, draining = isDraining): F =>
  (async (request: Request, ...rest: never[]) => {
    const response = await fetch(request, ...rest);
    if (!draining()) return response;
    try {
      response.headers.set("Connection", "close");
      return response;
    } catch {
      // Headers of a response passed through from fetch() are immutable: answer a copy.
      const copy = new Response(response.body, response);
      copy.headers.set("Connection", "close");
      return copy;
    }
  }) as F;
