/**
 * The product's access-control policy (dapr/config.yaml, the same as the chart's) on real sidecars with
 * mTLS identities: the web gateway reaches every route it forwards, and nothing else; no other app
 * reaches anything. Test apps stand in for the services under their app ids (the suite's sidecars use a
 * name registry of their own, see support/daprd-config.ts). Dapr matches operations by prefix, in the
 * order listed, so a route is easily allowed or denied by accident — each one is tried here.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { APP_IDS } from "@trip/shared";
import type { Sidecar } from "./support/sidecar.ts";
import { type Stack, startStack } from "./support/stack.ts";

const TARGETS = [APP_IDS.currency, APP_IDS.ranking, APP_IDS.history, APP_IDS.ingestor] as const;
type Target = (typeof TARGETS)[number];
type Call = [method: "GET" | "POST", target: Target, path: string];

/** What the web gateway forwards (CONTRACT.md's public API) and the ingestor status it shows. */
const WEB_MAY: Call[] = [
  ["GET", APP_IDS.currency, "/api/v1/currencies"],
  ["GET", APP_IDS.currency, "/api/v1/currencies/latest"],
  ["GET", APP_IDS.currency, "/api/v1/currencies/convert"],
  ["GET", APP_IDS.currency, "/api/v1/currencies/price-index"],
  ["GET", APP_IDS.currency, "/api/v1/currencies/JPY"],
  ["POST", APP_IDS.ranking, "/api/v1/rankings/selections"],
  ["GET", APP_IDS.ranking, "/api/v1/rankings"],
  ["GET", APP_IDS.ranking, "/api/v1/rankings/stats/JP"],
  ["GET", APP_IDS.history, "/api/v1/history"],
  ["GET", APP_IDS.history, "/api/v1/history/stats"],
  ["GET", APP_IDS.history, "/api/v1/history/compare"],
  ["GET", APP_IDS.ingestor, "/api/v1/ingest/status"],
];

/** Admin and write routes the gateway never forwards, and verbs its routes do not take. */
const WEB_MAY_NOT: Call[] = [
  ["POST", APP_IDS.ingestor, "/api/v1/ingest/run"],
  ["POST", APP_IDS.ingestor, "/api/v1/ingest/backfill"],
  ["POST", APP_IDS.ranking, "/api/v1/rankings/admin/recompute"],
  ["POST", APP_IDS.ranking, "/api/v1/rankings"],
  ["POST", APP_IDS.ranking, "/api/v1/rankings/stats/JP"],
  ["POST", APP_IDS.currency, "/api/v1/currencies"],
  ["POST", APP_IDS.history, "/api/v1/history/analysis/run"],
];

let stack: Stack;
const sidecarOf = (appId: string) => stack.members.find((m) => m.sidecar.appId === appId)?.sidecar as Sidecar;
const appOf = (appId: string) => stack.members.find((m) => m.sidecar.appId === appId)?.app;

beforeAll(async () => {
  stack = await startStack("access-policy", {
    only: [],
    members: [{ appId: APP_IDS.web }, ...TARGETS.map((appId) => ({ appId }))],
  });
}, 60_000);
afterAll(() => stack?.stop());

const invoke = (from: string, [method, target, path]: Call) =>
  sidecarOf(from).fetch(`/v1.0/invoke/${target}/method${path}`, {
    method,
    ...(method === "POST" ? { body: "{}", headers: { "content-type": "application/json" } } : {}),
  });

describe("the access-control policy on mTLS identities", () => {
  test("the web gateway reaches every route it forwards", async () => {
    const answers = await Promise.all(
      WEB_MAY.map(async (call) => [call.join(" "), (await invoke("web", call)).status]),
    );
    expect(answers).toEqual(WEB_MAY.map((call) => [call.join(" "), 200]));
    for (const [method, target, path] of WEB_MAY) {
      expect(
        appOf(target)
          ?.callsTo(path)
          .map((c) => c.method),
      ).toContain(method);
    }
  });

  test("the web gateway is refused every other route or verb, before the app sees it", async () => {
    const answers = await Promise.all(
      WEB_MAY_NOT.map(async (call) => [call.join(" "), (await invoke("web", call)).status]),
    );
    expect(answers).toEqual(WEB_MAY_NOT.map((call) => [call.join(" "), 403]));
    for (const [method, target, path] of WEB_MAY_NOT) {
      expect(
        appOf(target)
          ?.callsTo(path)
          .filter((c) => c.method === method),
      ).toEqual([]);
    }
  });

  test("no other app may invoke anything, not even a route the web gateway may", async () => {
    const [method, target, path] = WEB_MAY[0] as Call;
    for (const caller of TARGETS.filter((appId) => appId !== target)) {
      expect((await invoke(caller, [method, target, path])).status).toBe(403);
    }
  });
});
