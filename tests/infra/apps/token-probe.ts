/**
 * A trivial app for the run-template test, started by `dapr run -f` the way the services are. It
 * reports what it got from the CLI's environment and whether its sidecar calls it with the app token.
 */
const appToken = Bun.env.APP_API_TOKEN ?? "";
const sidecar = `http://127.0.0.1:${Bun.env.DAPR_HTTP_PORT}`;
const pathsCalledWithToken = new Set<string>();
const pathsCalledWithoutToken = new Set<string>();

const server = Bun.serve({
  port: Number(Bun.env.PORT),
  hostname: "127.0.0.1",
  async fetch(request) {
    const path = new URL(request.url).pathname;
    if (path !== "/probe") {
      const withToken = appToken !== "" && request.headers.get("dapr-api-token") === appToken;
      (withToken ? pathsCalledWithToken : pathsCalledWithoutToken).add(path);
      return new Response("ok");
    }
    const metadata = (token?: string) =>
      fetch(`${sidecar}/v1.0/metadata`, { headers: token ? { "dapr-api-token": token } : {} });
    return Response.json({
      appId: Bun.env.APP_ID,
      appTokenSet: appToken !== "",
      sidecarWithToken: (await metadata(Bun.env.DAPR_API_TOKEN)).status,
      sidecarWithoutToken: (await metadata()).status,
      pathsCalledWithToken: [...pathsCalledWithToken],
      pathsCalledWithoutToken: [...pathsCalledWithoutToken],
    });
  },
});
console.log(JSON.stringify({ msg: "listening", port: server.port }));
