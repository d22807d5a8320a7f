/**
 * The local monitoring stack as tests/delivery sees it (scripts/delivery/monitoring.sh install): Prometheus,
 * Alertmanager and the recording webhook on NodePorts of the node IP, the FX sandbox's control switch,
 * and `monitoring.sh configure` to load the alert rules rendered with other chart values.
 */
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { parseEnvFile } from "../../../deploy/tool-paths.ts";
import { fxSandboxUrl, getJson, nodeIp, REPO_ROOT, waitFor } from "../../cluster/support/cluster.ts";
import { run } from "./gitops.ts";

export const PROMETHEUS_NODE_PORT = 30090;
export const ALERTMANAGER_NODE_PORT = 30093;
export const WEBHOOK_NODE_PORT = 30095;

export const prometheusUrl = () => `http://${nodeIp()}:${PROMETHEUS_NODE_PORT}`;
export const alertmanagerUrl = () => `http://${nodeIp()}:${ALERTMANAGER_NODE_PORT}`;
const webhookUrl = () => `http://${nodeIp()}:${WEBHOOK_NODE_PORT}`;

/** One alert of a notification, as Alertmanager's webhook (payload version 4) sends it. */
export interface NotifiedAlert {
  status: "firing" | "resolved";
  labels: Record<string, string>;
  annotations: Record<string, string>;
  fingerprint: string;
  startsAt: string;
  endsAt: string;
}
export interface Recorded {
  receivedAt: number;
  notification: { receiver: string; status: string; alerts: NotifiedAlert[] };
}

/** Alerts the webhook received after `since` (epoch ms), each with when it arrived, oldest first. */
export const notifiedAlerts = async (since: number): Promise<(NotifiedAlert & { receivedAt: number })[]> => {
  const { status, body } = await getJson(`${webhookUrl()}/alerts?since=${since}`);
  if (status !== 200) throw new Error(`webhook answered ${status}`);
  return (body as Recorded[]).flatMap((entry) =>
    entry.notification.alerts.map((alert) => ({ ...alert, receivedAt: entry.receivedAt })),
  );
};

/** Waits until the webhook has received an alert matching `match` after `since`; returns the first. */
export const waitForNotified = (
  what: string,
  since: number,
  match: (alert: NotifiedAlert) => boolean,
  timeoutMs: number,
) => waitFor(what, async () => (await notifiedAlerts(since)).find(match), { timeoutMs, intervalMs: 2_000 });

/**
 * Waits until Alertmanager holds no active alert of that name for the release: one still firing from
 * an earlier run would not be notified again (repeat_interval), so a test must start from a quiet state.
 */
export const waitUntilQuiet = (alertname: string, timeoutMs: number) =>
  waitFor(
    `no active ${alertname} in Alertmanager`,
    async () => {
      const filter = encodeURIComponent(`alertname="${alertname}"`);
      const { status, body } = await getJson(`${alertmanagerUrl()}/api/v2/alerts?filter=${filter}`);
      return status === 200 && (body as unknown[]).length === 0;
    },
    { timeoutMs },
  );

/** Fails at once, naming the step, when the monitoring stack is not installed. */
export const requireMonitoring = async (): Promise<void> => {
  const ready = await fetch(`${prometheusUrl()}/-/ready`, { signal: AbortSignal.timeout(5_000) }).catch(
    () => undefined,
  );
  if (ready?.status !== 200) {
    throw new Error(
      `Prometheus is not answering at ${prometheusUrl()}: run bash scripts/delivery/monitoring.sh install`,
    );
  }
};

/**
 * `monitoring.sh configure` with extra chart values (`--set k=v` each): renders the rules again and waits
 * until Prometheus has loaded them. No values: back to the chart's defaults.
 */
export const configureMonitoring = async (sets: string[]): Promise<void> => {
  const args = sets.flatMap((set) => ["--set", set]);
  await run(["bash", join(REPO_ROOT, "scripts/delivery/monitoring.sh"), "configure", ...args]);
};

/** The FX sandbox's misbehaviour switch (tools/fx-sandbox: normal, error, http500, garbage, slow, empty). */
export const setFxMode = async (mode: string): Promise<void> => {
  const { status, body } = await getJson(`${fxSandboxUrl()}/__control`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ mode }),
  });
  if (status !== 200) throw new Error(`FX sandbox refused mode ${mode}: ${status} ${JSON.stringify(body)}`);
};

/** amtool, built from the Alertmanager module by scripts/delivery/monitoring/build.sh. */
export const amtoolPath = (): string => {
  const versions = parseEnvFile(readFileSync(join(REPO_ROOT, "scripts/delivery/versions.env"), "utf8"));
  const cache = process.env.TRIP_CACHE ?? join(homedir(), ".cache/trip-service");
  const path = join(cache, "delivery/amtool", versions.ALERTMANAGER_VERSION ?? "unpinned", "amtool");
  if (!existsSync(path)) throw new Error(`${path} missing: run bash scripts/delivery/monitoring.sh install`);
  return path;
};
