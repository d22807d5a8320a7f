import type { Logger } from "./logger.ts";

/** The part of `process` a shutdown needs, so a test can send the signal and see the exit. */
export interface SignalTarget {
  once(signal: "SIGTERM" | "SIGINT", listener: () => void): unknown;
  exit(code: number): void;
}

/**
 * Exits cleanly on SIGTERM or SIGINT after `drainSeconds` of serving on. In a pod the app is process 1,
 * which the kernel never kills on an unhandled SIGTERM: without this, every pod deletion waits out its
 * whole grace period. The drain keeps answering while Kubernetes takes the pod out of its Services
 * (that happens at the same time as the signal, not before it), so no request meets a closed port.
 * @example exitOnTermination({ drainSeconds: config.SHUTDOWN_DRAIN_SECONDS, log });
 */
export const exitOnTermination = ({
  drainSeconds,
  log,
  target = process,
  schedule = setTimeout,
}: {
  drainSeconds: number;
  log: Logger;
  target?: SignalTarget;
  schedule?: (run: () => void, ms: number) => unknown;
}): void => {
  let stopping = false;
  const stop = (signal: string) => () => {
    if (stopping) return;
    stopping = true;
    log.info("shutting down", { signal, drain_seconds: drainSeconds });
    schedule(() => target.exit(0), drainSeconds * 1000);
  };
  target.once("SIGTERM", stop("SIGTERM"));
  target.once("SIGINT", stop("SIGINT"));
};
