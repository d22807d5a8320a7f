/** The API as the browser sees it: through the web app's gateway on the same origin. */
import { getJson, STACK, secrets } from "../../support/stack.ts";
import { WEB } from "./browser.ts";

// biome-ignore lint/suspicious/noExplicitAny: tests read contract fields straight from the JSON
export const api = async (path: string): Promise<any> => {
  const { status, body } = await getJson(`${WEB}${path}`);
  if (status !== 200 || body?.success !== true) throw new Error(`GET ${path} answered ${status}`);
  return body.data;
};

/**
 * Asks the ranking service to recompute its snapshot now (admin route, straight to the service — the
 * gateway never forwards admin routes). Returns false when the route is unavailable, so the caller
 * falls back to waiting for the every-minute cron.
 */
export const recomputeRanking = async (): Promise<boolean> => {
  const token = secrets()["admin-token"];
  if (!token) return false;
  const res = await fetch(`${STACK.ranking}/api/v1/rankings/admin/recompute`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}` },
  }).catch(() => undefined);
  return res?.status === 200;
};
