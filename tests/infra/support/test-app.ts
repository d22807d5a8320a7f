/**
 * A tiny HTTP app standing in for a service behind its sidecar. It accepts calls from the sidecar only
 * when they carry the app token (`dapr-api-token` header, sent by daprd when APP_API_TOKEN is set),
 * records every authorised call, and answers with the handler registered for the path (200 `{}` if none).
 */
export interface RecordedCall {
  method: string;
  path: string;
  headers: Headers;
  body: string;
}

export type Handler = (call: RecordedCall) => Response | Promise<Response>;

export interface TestApp {
  port: number;
  calls: RecordedCall[];
  /** Calls that were refused with 401 (missing or wrong app token). */
  refused: RecordedCall[];
  on(path: string, handler: Handler): void;
  callsTo(path: string): RecordedCall[];
  stop(): Promise<void>;
}

/** Listens on a port the OS picks (`app.port`). */
export function startTestApp(appToken: string): TestApp {
  const handlers = new Map<string, Handler>();
  const calls: RecordedCall[] = [];
  const refused: RecordedCall[] = [];
  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    async fetch(request) {
      const url = new URL(request.url);
      const call: RecordedCall = {
        method: request.method,
        path: url.pathname,
        headers: request.headers,
        body: await request.text(),
      };
      if (url.pathname === "/health") return new Response("ok");
      if (request.headers.get("dapr-api-token") !== appToken) {
        refused.push(call);
        return Response.json({ error: "UNAUTHORIZED" }, { status: 401 });
      }
      calls.push(call);
      const handler = handlers.get(url.pathname);
      return handler ? handler(call) : Response.json({});
    },
  });
  return {
    port: server.port ?? 0,
    calls,
    refused,
    on: (path, handler) => handlers.set(path, handler),
    callsTo: (path) => calls.filter((call) => call.path === path),
    stop: async () => {
      await server.stop(true);
    },
  };
}
