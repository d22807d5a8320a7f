import { createLogger, MetricsRegistry, manualClock } from "@trip/shared";
import { createWebApp } from "./app.ts";
import type { ServiceInvoker } from "./gateway.ts";
import type { StaticAsset } from "./static-assets.ts";

export interface InvokeCall {
  appId: string;
  path: string;
  method: string;
  body: string | undefined;
  headers: Record<string, string>;
}

const asset = (text: string, contentType: string, immutable = false): StaticAsset => ({
  body: new TextEncoder().encode(text),
  gzipped: undefined,
  contentType,
  immutable,
});

/** The web app with an in-memory build and a recording fake of Dapr service invocation. */
export const buildTestApp = (
  answer: (call: InvokeCall) => Response | Promise<Response>,
  options: { clientAddress?: string; trustForwardedFor?: boolean } = {},
) => {
  const calls: InvokeCall[] = [];
  const invoke: ServiceInvoker = async (appId, path, init) => {
    const call = { appId, path, method: init.method, body: init.body, headers: init.headers };
    calls.push(call);
    return answer(call);
  };
  const assets = new Map<string, StaticAsset>([
    ["/index.html", asset("<!doctype html><div id=root></div>", "text/html; charset=utf-8")],
    ["/assets/index-abc.js", asset("console.log(1)", "text/javascript; charset=utf-8", true)],
    ["/favicon.svg", asset("<svg/>", "image/svg+xml")],
  ]);
  const app = createWebApp({
    version: "test",
    appToken: "app-token",
    log: createLogger({ service: "web", level: "error", sink: () => {} }),
    clock: manualClock(new Date("2026-11-27T03:00:00Z")),
    metrics: new MetricsRegistry(),
    checks: [],
    assets,
    invoke,
    clientAddress: () => options.clientAddress,
    trustForwardedFor: options.trustForwardedFor ?? false,
  });
  return { app, calls };
};

export const jsonResponse = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
