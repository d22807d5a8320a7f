import { useCallback, useEffect, useRef, useState } from "react";

export type ApiState<T> =
  | { status: "loading" }
  | { status: "error"; error: unknown }
  | { status: "ok"; data: T };

/**
 * Loads data for `key` (reloads when the key changes), optionally polling. A failed load or poll
 * replaces the data with the error, so the page never shows figures it could not confirm.
 */
export const useApi = <T>(
  key: string,
  load: (signal: AbortSignal) => Promise<T>,
  options: { pollMs?: number } = {},
): { state: ApiState<T>; reload: () => void } => {
  const [state, setState] = useState<ApiState<T>>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  // biome-ignore lint/correctness/useExhaustiveDependencies: key and attempt are the reload triggers
  useEffect(() => {
    let controller = new AbortController();
    setState({ status: "loading" });
    const run = () => {
      loadRef.current(controller.signal).then(
        (data) => {
          if (!controller.signal.aborted) setState({ status: "ok", data });
        },
        (error: unknown) => {
          if (!controller.signal.aborted) setState({ status: "error", error });
        },
      );
    };
    run();
    const timer =
      options.pollMs === undefined
        ? undefined
        : setInterval(() => {
            controller.abort();
            controller = new AbortController();
            run();
          }, options.pollMs);
    return () => {
      controller.abort();
      if (timer !== undefined) clearInterval(timer);
    };
  }, [key, attempt, options.pollMs]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, reload };
};
