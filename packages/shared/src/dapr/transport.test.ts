import { describe, expect, test } from "bun:test";
import { runWithContext } from "../context.ts";
import { DaprError, EtagMismatchError, SidecarUnavailableError } from "./errors.ts";
import { stateStore } from "./state.ts";
import { SidecarTransport } from "./transport.ts";

const fakeSidecar = (respond: (req: Request) => Response) => {
  const seen: Request[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    seen.push(req);
    return respond(req);
  }) as typeof fetch;
  return {
    transport: new SidecarTransport({ baseUrl: "http://sidecar", apiToken: "t0k", fetch: fetchImpl }),
    seen,
  };
};

describe("SidecarTransport", () => {
  test("sends the API token, correlation id and traceparent of the current request", async () => {
    const { transport, seen } = fakeSidecar(() => new Response(null, { status: 204 }));
    await runWithContext(
      { correlationId: "corr-12345", traceparent: `00-${"a".repeat(32)}-${"b".repeat(16)}-01` },
      () => stateStore(transport, "cache").get("rate:USD"),
    );
    expect(seen[0]?.headers.get("dapr-api-token")).toBe("t0k");
    expect(seen[0]?.headers.get("x-correlation-id")).toBe("corr-12345");
    expect(seen[0]?.headers.get("traceparent")).toStartWith("00-aaaa");
  });
  test("a bulk get whose keys failed in the store (200 with per-key errors) is a DaprError", async () => {
    const { transport } = fakeSidecar(() =>
      Response.json([
        { key: "a", data: { n: 1 } },
        { key: "b", error: "dial tcp 127.0.0.1:6380: connect: connection refused" },
      ]),
    );
    await expect(stateStore(transport, "s").bulkGet(["a", "b"])).rejects.toBeInstanceOf(DaprError);
  });
  test("a 409 from the sidecar is an EtagMismatchError, other failures a DaprError with the code", async () => {
    const conflict = fakeSidecar(() =>
      Response.json({ errorCode: "ERR_STATE_SAVE", message: "etag mismatch" }, { status: 409 }),
    );
    await expect(
      stateStore(conflict.transport, "s").save([{ key: "k", value: 1, etag: "3" }]),
    ).rejects.toBeInstanceOf(EtagMismatchError);
    const broken = fakeSidecar(() =>
      Response.json({ errorCode: "ERR_STATE_GET", message: "redis down" }, { status: 500 }),
    );
    const err = await stateStore(broken.transport, "s")
      .get("k")
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DaprError);
    expect((err as DaprError).errorCode).toBe("ERR_STATE_GET");
    expect((err as DaprError).status).toBe(500);
  });
  test("an unreachable sidecar is a SidecarUnavailableError, not a silent undefined", async () => {
    const { transport } = fakeSidecar(() => {
      throw new TypeError("connection refused");
    });
    await expect(stateStore(transport, "s").get("k")).rejects.toBeInstanceOf(SidecarUnavailableError);
  });
  test("state get returns the value with its ETag; 204 is undefined", async () => {
    const { transport } = fakeSidecar((req) =>
      req.url.endsWith("missing?consistency=strong")
        ? new Response(null, { status: 204 })
        : new Response('{"rate":1}', { headers: { etag: "7" } }),
    );
    expect(await stateStore(transport, "s").get("present")).toEqual({ value: { rate: 1 }, etag: "7" });
    expect(await stateStore(transport, "s").get("missing")).toBeUndefined();
  });
});
