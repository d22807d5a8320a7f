import { DaprError, type Logger, type OutputBinding, SidecarUnavailableError } from "@trip/shared";
import { ProviderError } from "../domain/provider-snapshot.ts";

/** Fetches one provider path: returns the body text, or throws a ProviderError saying what went wrong. */
export type ProviderFetch = (path: string) => Promise<string>;

/** Never log a key: Eximbank's `authkey` travels in the query string. */
export const redactPath = (path: string): string => path.replace(/(authkey=)[^&]*/gi, "$1***");

const isTimeout = (err: unknown): boolean =>
  err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");

/** Maps what the sidecar said about the binding call onto a ProviderError without the sidecar's text. */
const providerErrorOf = (err: unknown, binding: string): ProviderError => {
  if (err instanceof SidecarUnavailableError) {
    return isTimeout(err.cause)
      ? new ProviderError("timeout", `${binding}: the provider did not answer in time`, { cause: err })
      : new ProviderError("unreachable", `${binding}: the sidecar could not be reached`, { cause: err });
  }
  if (err instanceof DaprError) {
    const text = err.message;
    const upstream = /status code (\d{3})/i.exec(text)?.[1];
    if (upstream)
      return new ProviderError("http", `${binding}: the provider answered HTTP ${upstream}`, { cause: err });
    if (/deadline exceeded|timeout|timed out/i.test(text))
      return new ProviderError("timeout", `${binding}: the provider did not answer in time`, { cause: err });
    if (/circuit breaker/i.test(text))
      return new ProviderError("unreachable", `${binding}: provider calls paused by the circuit breaker`, {
        cause: err,
      });
    return new ProviderError("unreachable", `${binding}: the binding call failed (status ${err.status})`, {
      cause: err,
    });
  }
  return new ProviderError("unreachable", `${binding}: the binding call failed`, { cause: err });
};

/**
 * GETs `path` through the `bindings.http` component (`operation: get`, metadata `path` appended to the
 * component's `url`). The binding's `statuscode` metadata is checked too, in case `errorIfNot2XX` is off.
 */
export const fxBindingFetcher =
  (binding: OutputBinding, log: Logger): ProviderFetch =>
  async (path) => {
    let result: Awaited<ReturnType<OutputBinding["invoke"]>>;
    try {
      result = await binding.invoke("get", undefined, { path });
    } catch (err) {
      const failure = providerErrorOf(err, binding.name);
      log.warn("provider call failed", { path: redactPath(path), failure: failure.failure, err });
      throw failure;
    }
    const status = Number(result.metadata.statuscode ?? "200");
    if (!(status >= 200 && status < 300)) {
      throw new ProviderError("http", `${binding.name}: the provider answered HTTP ${status}`);
    }
    return result.body;
  };
