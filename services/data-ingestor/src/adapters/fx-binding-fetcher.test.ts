import { describe, expect, test } from "bun:test";
import { createLogger, DaprError, type OutputBinding, SidecarUnavailableError } from "@trip/shared";
import { ProviderError } from "../domain/provider-snapshot.ts";
import { fxBindingFetcher, redactPath } from "./fx-binding-fetcher.ts";

const lines: string[] = [];
const log = createLogger({ service: "test", sink: (line) => lines.push(line) });

const bindingThat = (answer: () => Promise<{ body: string; metadata: Record<string, string> }>) => {
  const calls: { operation: string; metadata: Record<string, string> | undefined }[] = [];
  const binding: OutputBinding = {
    name: "fx-provider",
    invoke: async (operation, _data, metadata) => {
      calls.push({ operation, metadata });
      return answer();
    },
  };
  return { binding, calls };
};

const failureOf = async (fetch: (path: string) => Promise<string>, path = "/v6/latest/KRW") => {
  try {
    await fetch(path);
  } catch (err) {
    if (err instanceof ProviderError) return err;
    throw err;
  }
  throw new Error("expected a ProviderError");
};

describe("fxBindingFetcher", () => {
  test("GETs the path through the binding and returns the body", async () => {
    const { binding, calls } = bindingThat(async () => ({ body: "{}", metadata: { statuscode: "200" } }));
    expect(await fxBindingFetcher(binding, log)("/v6/latest/KRW")).toBe("{}");
    expect(calls).toEqual([{ operation: "get", metadata: { path: "/v6/latest/KRW" } }]);
  });

  test("an HTTP 5xx from the provider (errorIfNot2XX) is an http failure naming the status only", async () => {
    const dapr = new DaprError(
      "binding fx-provider get",
      500,
      "error invoking output binding fx-provider: received status code 500 from http://10.0.0.7:8090",
    );
    const { binding } = bindingThat(async () => Promise.reject(dapr));
    const err = await failureOf(fxBindingFetcher(binding, log));
    expect(err.failure).toBe("http");
    expect(err.message).toBe("fx-provider: the provider answered HTTP 500");
    expect(err.message).not.toContain("10.0.0.7");
  });

  test("a non-2xx statuscode in the metadata (errorIfNot2XX off) is an http failure too", async () => {
    const { binding } = bindingThat(async () => ({ body: "busy", metadata: { statuscode: "503" } }));
    expect((await failureOf(fxBindingFetcher(binding, log))).message).toContain("HTTP 503");
  });

  test("our own timeout on the sidecar call is a timeout failure", async () => {
    const timeout = new DOMException("The operation timed out.", "TimeoutError");
    const { binding } = bindingThat(async () =>
      Promise.reject(new SidecarUnavailableError("binding", timeout)),
    );
    expect((await failureOf(fxBindingFetcher(binding, log))).failure).toBe("timeout");
  });

  test("the binding's own deadline is a timeout failure", async () => {
    const dapr = new DaprError("binding fx-provider get", 500, "context deadline exceeded (Client.Timeout)");
    const { binding } = bindingThat(async () => Promise.reject(dapr));
    expect((await failureOf(fxBindingFetcher(binding, log))).failure).toBe("timeout");
  });

  test("an open circuit breaker and an unreachable sidecar are unreachable failures", async () => {
    const open = bindingThat(async () => Promise.reject(new DaprError("b", 500, "circuit breaker is open")));
    expect((await failureOf(fxBindingFetcher(open.binding, log))).message).toContain("circuit breaker");
    const refused = new SidecarUnavailableError("binding", new TypeError("fetch failed"));
    const down = bindingThat(async () => Promise.reject(refused));
    expect((await failureOf(fxBindingFetcher(down.binding, log))).failure).toBe("unreachable");
  });

  test("the Eximbank key never reaches the log", async () => {
    const { binding } = bindingThat(async () => Promise.reject(new DaprError("b", 500, "status code 500")));
    lines.length = 0;
    await failureOf(
      fxBindingFetcher(binding, log),
      "/site/x?authkey=SECRET123&searchdate=20261127&data=AP01",
    );
    expect(lines.join("\n")).not.toContain("SECRET123");
    expect(redactPath("/x?authkey=abc&data=AP01")).toBe("/x?authkey=***&data=AP01");
  });
});
