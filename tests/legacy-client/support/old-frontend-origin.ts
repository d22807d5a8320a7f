/**
 * Where the compatibility suite puts the old frontend: its dev server's origin (`http://localhost:3000`,
 * ../shared/legacy.md), served by this process, and the same server reached as `http://127.0.0.1:3000`
 * — another origin, one no CORS_ORIGINS lists — for the refused case.
 */
import type { Page } from "playwright-core";
import { STACK } from "../../support/stack.ts";
import {
  type CallOutcome,
  type OldFrontendBases,
  type OldFrontendCall,
  oldFrontendPage,
} from "./old-frontend-page.ts";

export const OLD_FRONTEND_PORT = Number(process.env.OLD_FRONTEND_PORT ?? 3000);
/** The old frontend's origin: listed in the local stack's CORS_ORIGINS (dapr/dapr.yaml). */
export const OLD_ORIGIN = `http://localhost:${OLD_FRONTEND_PORT}`;
/** The same page under an origin nobody allows. */
export const UNLISTED_ORIGIN = `http://127.0.0.1:${OLD_FRONTEND_PORT}`;

/** Serves the old frontend's page (any path) until `stop()`. */
export const serveOldFrontend = (bases: OldFrontendBases) => {
  const html = oldFrontendPage(bases);
  try {
    const server = Bun.serve({
      hostname: "127.0.0.1",
      port: OLD_FRONTEND_PORT,
      fetch: () => new Response(html, { headers: { "content-type": "text/html; charset=utf-8" } }),
    });
    return { stop: () => server.stop(true) };
  } catch (err) {
    throw new Error(
      `cannot serve the old frontend on 127.0.0.1:${OLD_FRONTEND_PORT} (${String(err)}); free the port or set OLD_FRONTEND_PORT (and add its origin to CORS_ORIGINS)`,
    );
  }
};

/** Fails early, with the fix, when the running stack does not allow the old frontend's origin. */
export const expectStackAllows = async (origin: string): Promise<void> => {
  for (const [name, url] of Object.entries({ currency: STACK.currency, history: STACK.history })) {
    const res = await fetch(`${url}/api/v1/history`, {
      method: "OPTIONS",
      headers: { origin, "access-control-request-method": "GET" },
    });
    if (res.headers.get("access-control-allow-origin") !== origin)
      throw new Error(
        `${name}-service (${url}) does not allow ${origin}: add it to CORS_ORIGINS (dapr/dapr.yaml) and restart the apps`,
      );
  }
};

/** Opens the page at `origin` and waits for its API module. */
export const openOldFrontend = async (page: Page, origin: string): Promise<void> => {
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => "oldFrontend" in window);
};

/** One of the old frontend's calls, made by the page (so from its origin, with its headers). */
export const callFromPage = (page: Page, call: OldFrontendCall): Promise<CallOutcome> =>
  page.evaluate(
    (name) =>
      (window as unknown as { oldFrontend: Record<string, () => Promise<CallOutcome>> }).oldFrontend[
        name
      ]?.() ?? Promise.resolve({ error: `no call ${name}` }),
    call,
  );

/** The type the old frontend reads each field as (`kindOf` in the page: typeof, "array", "null"). */
export const expectedKind = (field: string): string => {
  if (field === "data") return "object";
  if (/^data\.(ranking|results|currencies)$/.test(field)) return "array";
  if (
    /(\.status|currency_name|selection_id|country_code|country_name|\.date|\.trend|trend_direction|last_updated)$/.test(
      field,
    )
  )
    return "string";
  return "number";
};
