import { describe, expect, test } from "bun:test";
import { Hono } from "hono";
import { peerAddressOf } from "./peer-address.ts";

const appAnswering = () => {
  const app = new Hono();
  app.get("/", (c) => c.text(peerAddressOf(c) ?? "none"));
  return app;
};

describe("peerAddressOf", () => {
  test("reads Bun's server, Deno's connection info, or nothing", async () => {
    const app = appAnswering();
    const bunServer = { requestIP: () => ({ address: "10.1.2.3" }) };
    expect(await (await app.request("/", {}, bunServer)).text()).toBe("10.1.2.3");
    const denoInfo = { remoteAddr: { hostname: "10.4.5.6" } };
    expect(await (await app.request("/", {}, denoInfo)).text()).toBe("10.4.5.6");
    expect(await (await app.request("/")).text()).toBe("none");
  });
});
