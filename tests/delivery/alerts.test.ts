/**
 * Alerts that fire on real faults (issue 15, item 4), against the local cluster with the monitoring stack
 * of scripts/delivery/monitoring.sh: the chart's own rules, evaluated by Prometheus on the apps' real
 * scrapes, routed by the chart's AlertmanagerConfig to the recording webhook.
 *
 * - TripServiceDown fires when currency-service has no pod at all and resolves when it is back;
 * - TripIngestionFailing fires while the FX provider answers errors (the host's FX sandbox, switched
 *   to `http500`), with runs started through the ingestor's admin API instead of waiting for the cron;
 * - every notification carries service, severity, summary and runbook_url.
 *
 * To keep it short the rules are loaded with short windows (serviceDownFor 10s, ingestionStaleAfter 1m)
 * through chart values (`monitoring.sh configure --set ...`); the trip-service release is not touched.
 * Afterwards: the defaults are loaded again, the Deployment's replicas and the sandbox's mode put back.
 * No stored rate changes: the failing runs store nothing (asserted), and no successful run is started.
 *
 *   bash scripts/delivery/monitoring.sh install && bun test --timeout 600000 tests/delivery/alerts.test.ts
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import {
  appUrl,
  getJson,
  kubectl,
  kubectlJson,
  NAMESPACE,
  secretValue,
  waitFor,
} from "../cluster/support/cluster.ts";
import {
  alertmanagerUrl,
  amtoolPath,
  configureMonitoring,
  type NotifiedAlert,
  notifiedAlerts,
  requireMonitoring,
  setFxMode,
  waitForNotified,
  waitUntilQuiet,
} from "./support/monitoring.ts";

const SHORT_WINDOWS = ["monitoring.alerts.serviceDownFor=10s", "monitoring.alerts.ingestionStaleAfter=1m"];
const RUNBOOKS = "https://github.com/trip-service/trip-service/blob/main/docs/runbooks.md";
const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)}s`;

/** What on-call needs on every notified alert. */
const expectOnCallFields = (alert: NotifiedAlert, service: string, anchor: string) => {
  expect(alert.labels.service).toBe(service);
  expect(alert.labels.severity).toBe("critical");
  expect(alert.labels.namespace).toBe(NAMESPACE);
  expect(alert.annotations.summary?.length ?? 0).toBeGreaterThan(0);
  expect(alert.annotations.description?.length ?? 0).toBeGreaterThan(0);
  expect(alert.annotations.runbook_url).toBe(`${RUNBOOKS}#${anchor}`);
};

/** currency-service's workload: a Deployment, or an Argo Rollout when the chart runs it as one. */
const currencyWorkload = (): string => {
  const found = kubectl(["-n", NAMESPACE, "get", "deploy/currency-service", "-o", "name"], {
    allowFailure: true,
  });
  return found.code === 0 ? "deploy/currency-service" : "rollout.argoproj.io/currency-service";
};
let workload = "";
let originalReplicas = 1;

beforeAll(async () => {
  await requireMonitoring();
  workload = currencyWorkload();
  originalReplicas = kubectlJson(["-n", NAMESPACE, "get", workload]).spec.replicas as number;
  await configureMonitoring(SHORT_WINDOWS);
  console.log(`[alerts] short alert windows loaded (${elapsed()})`);
});

afterAll(async () => {
  // Put everything back even when a test failed half-way (nothing was changed if setup did not get far).
  if (workload === "") return;
  await setFxMode("normal");
  kubectl(["-n", NAMESPACE, "scale", workload, `--replicas=${originalReplicas}`]);
  kubectl(["-n", NAMESPACE, "rollout", "status", "deploy/currency-service", "--timeout=180s"], {
    allowFailure: true,
  });
  await configureMonitoring([]);
  console.log(`[alerts] defaults restored; total ${elapsed()}`);
});

describe("alert routing", () => {
  test("the running Alertmanager sends the release's alerts to the webhook by severity (amtool)", () => {
    const route = (labels: string[]) => {
      const proc = Bun.spawnSync(
        [amtoolPath(), "config", "routes", "test", `--alertmanager.url=${alertmanagerUrl()}`, ...labels],
        { stdout: "pipe", stderr: "pipe" },
      );
      return `${proc.stdout.toString()}${proc.stderr.toString()}`.trim();
    };
    const webhook = "trip-service/trip-service-alerts/local-webhook";
    expect(route([`namespace=${NAMESPACE}`, "severity=critical", "alertname=TripServiceDown"])).toBe(webhook);
    expect(route([`namespace=${NAMESPACE}`, "severity=warning", "alertname=TripServiceLatencyHigh"])).toBe(
      webhook,
    );
    // Another namespace's alert is not this release's to route.
    expect(route(["namespace=elsewhere", "severity=critical"])).toBe("null");
  });
});

describe("alerts on real faults", () => {
  test("TripServiceDown fires when currency-service has no pod, and resolves when it is back", async () => {
    await waitUntilQuiet("TripServiceDown", 120_000);
    const since = Date.now();
    kubectl(["-n", NAMESPACE, "scale", workload, "--replicas=0"]);
    const isCurrencyDown = (alert: NotifiedAlert) =>
      alert.labels.alertname === "TripServiceDown" && alert.labels.app_id === "currency-service";
    const firing = await waitForNotified(
      "TripServiceDown firing for currency-service",
      since,
      (alert) => isCurrencyDown(alert) && alert.status === "firing",
      180_000,
    );
    console.log(
      `[alerts] TripServiceDown firing ${((firing.receivedAt - since) / 1000).toFixed(1)}s after scaling to 0`,
    );
    expectOnCallFields(firing, "currency-service", "tripservicedown");
    expect(firing.annotations.summary).toBe("currency-service is down");

    const back = Date.now();
    kubectl(["-n", NAMESPACE, "scale", workload, `--replicas=${originalReplicas}`]);
    // Every TripServiceDown that fired for currency-service (no pod at all; pods failing their scrapes
    // while they stopped) must be resolved once a pod answers again.
    const resolved = await waitFor(
      "every TripServiceDown of currency-service resolved",
      async () => {
        const seen = (await notifiedAlerts(since)).filter(isCurrencyDown);
        const fired = new Set(seen.filter((a) => a.status === "firing").map((a) => a.fingerprint));
        const done = seen.filter((a) => a.status === "resolved" && a.receivedAt >= back);
        const open = [...fired].filter((print) => !done.some((a) => a.fingerprint === print));
        return done.length > 0 && open.length === 0 ? done : undefined;
      },
      { timeoutMs: 240_000 },
    );
    const last = resolved.at(-1) as NotifiedAlert & { receivedAt: number };
    console.log(
      `[alerts] TripServiceDown resolved ${((last.receivedAt - back) / 1000).toFixed(1)}s after scaling back`,
    );
    for (const alert of resolved) {
      expectOnCallFields(alert, "currency-service", "tripservicedown");
      expect(new Date(alert.endsAt).getTime()).toBeGreaterThan(new Date(alert.startsAt).getTime());
    }
  }, 480_000);

  test("TripIngestionFailing fires while the FX provider answers errors; no rate is stored meanwhile", async () => {
    const ingestor = appUrl("data-ingestor");
    const token = secretValue("admin-token", "admin-token");
    const lastSuccess = async () =>
      (await getJson(`${ingestor}/api/v1/ingest/status`)).body.data.last_success_at as string | null;
    const runOnce = async () => {
      const run = await getJson(`${ingestor}/api/v1/ingest/run`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}` },
      }).catch((error: Error) => ({ status: 0, body: { error: { code: error.message } } }));
      return `${run.status} ${run.body?.error?.code ?? run.body?.data?.status}`;
    };
    await waitUntilQuiet("TripIngestionFailing", 240_000);
    await setFxMode("http500");
    const since = Date.now();
    // Runs take the ingestion lock: once this first one has answered, a run that started before the
    // switch has finished, and every later one fails. The last success may not move from here on.
    const answers = [await runOnce()];
    const before = await lastSuccess();
    // A run every 5 s (one scrape interval) rather than waiting for the 2-minute cron: the first failed
    // run creates the `failed` series, the next ones make it rise. Each failed run answers 503.
    let stop = false;
    const runner = (async () => {
      while (!stop) {
        await Bun.sleep(5_000);
        answers.push(await runOnce());
      }
    })();
    let firing: NotifiedAlert & { receivedAt: number };
    try {
      firing = await waitForNotified(
        "TripIngestionFailing firing",
        since,
        (alert) => alert.labels.alertname === "TripIngestionFailing" && alert.status === "firing",
        180_000,
      );
    } finally {
      stop = true;
      await runner;
    }
    console.log(
      `[alerts] TripIngestionFailing firing ${((firing.receivedAt - since) / 1000).toFixed(1)}s after the provider failed; runs: ${answers.join(", ")}`,
    );
    expectOnCallFields(firing, "data-ingestor", "tripingestionfailing");
    expect(firing.annotations.summary).toBe("Exchange-rate ingestion failing");
    // Every run the test started failed on the provider (or, if a cron run held the lock, was skipped);
    // none stored anything.
    expect(answers).toContain("503 EXTERNAL_API_ERROR");
    expect(
      answers.filter((answer) => answer !== "503 EXTERNAL_API_ERROR" && answer !== "200 skipped"),
    ).toEqual([]);
    expect(await lastSuccess()).toBe(before);
  }, 300_000);
});
