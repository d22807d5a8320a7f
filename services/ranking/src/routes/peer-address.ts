import type { Context } from "hono";

interface RuntimeEnv {
  /** Bun passes its server as the second fetch argument. */
  requestIP?: (request: Request) => { address: string } | null;
  /** `deno serve` passes the connection info. */
  remoteAddr?: { hostname?: string };
}

/** The socket peer of a request, on Bun and Deno alike (undefined when the runtime does not say). */
export const peerAddressOf = (c: Context): string | undefined => {
  const env = c.env as RuntimeEnv | undefined;
  if (typeof env?.requestIP === "function") return env.requestIP(c.req.raw)?.address;
  return env?.remoteAddr?.hostname;
};
