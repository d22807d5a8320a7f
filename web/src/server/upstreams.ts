import { APP_IDS } from "@trip/shared";

/** Which service answers which public API prefix; anything else under /api is not forwarded. */
export const UPSTREAMS = [
  { prefix: "/api/v1/currencies", appId: APP_IDS.currency },
  { prefix: "/api/v1/rankings", appId: APP_IDS.ranking },
  { prefix: "/api/v1/history", appId: APP_IDS.history },
] as const;

/** Operator routes (e.g. /api/v1/rankings/admin/recompute) are never reachable through the public UI. */
const ADMIN_SEGMENT = /\/admin(\/|$)/i;

/**
 * The app id that serves `path`, matching whole path segments only.
 * @example upstreamFor("/api/v1/currencies/latest") // "currency-service"
 * @example upstreamFor("/api/v1/currenciesX") // undefined
 */
export const upstreamFor = (path: string): string | undefined =>
  ADMIN_SEGMENT.test(path)
    ? undefined
    : UPSTREAMS.find((u) => path === u.prefix || path.startsWith(`${u.prefix}/`))?.appId;
