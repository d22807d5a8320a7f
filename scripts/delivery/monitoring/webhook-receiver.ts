/**
 * The local Alertmanager's receiver: records every notification Alertmanager POSTs (webhook payload
 * version 4) so a test or a person can read what on-call would have been sent. No dependencies: it runs
 * as is on the Bun distroless image (scripts/delivery/monitoring.sh builds it into alert-webhook).
 *
 *   POST /alerts                 record one notification (Alertmanager's webhook_configs url)
 *   GET  /alerts?since=<epoch ms> the recorded notifications received after `since`, oldest first
 *   GET  /health
 *
 * Memory is bounded: the newest MAX_KEPT notifications are kept, nothing is written to disk.
 */

/** One notification as Alertmanager sends it (only the fields read here are typed). */
interface Notification {
  receiver: string;
  status: "firing" | "resolved";
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  alerts: {
    status: "firing" | "resolved";
    labels: Record<string, string>;
    annotations: Record<string, string>;
    startsAt: string;
    endsAt: string;
    fingerprint: string;
  }[];
}

interface Recorded {
  receivedAt: number;
  notification: Notification;
}

const MAX_KEPT = 1000;
const recorded: Recorded[] = [];
const port = Number(process.env.PORT ?? 8080);

const server = Bun.serve({
  port,
  hostname: "0.0.0.0",
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/health") return Response.json({ status: "ok", recorded: recorded.length });
    if (url.pathname !== "/alerts") return Response.json({ error: "not found" }, { status: 404 });
    if (request.method === "POST") {
      const notification = (await request.json()) as Notification;
      recorded.push({ receivedAt: Date.now(), notification });
      if (recorded.length > MAX_KEPT) recorded.splice(0, recorded.length - MAX_KEPT);
      const names = notification.alerts.map((alert) => `${alert.labels.alertname}:${alert.status}`);
      console.log(JSON.stringify({ msg: "notification", receiver: notification.receiver, alerts: names }));
      return Response.json({ recorded: true });
    }
    if (request.method === "GET") {
      const since = Number(url.searchParams.get("since") ?? 0);
      return Response.json(recorded.filter((entry) => entry.receivedAt > since));
    }
    return Response.json({ error: "method not allowed" }, { status: 405 });
  },
});
console.log(JSON.stringify({ msg: "listening", port: server.port }));

// A module, not a global script: its names stay its own.
export {};
