import { describe, expect, test } from "bun:test";
import { copyFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chartDir, helmTemplate, parseManifest } from "../../deploy/chart.ts";
import { repoRoot, toolPaths } from "../../deploy/tool-paths.ts";
import { objectsOf, renderingNamed, renderings } from "./support/rendered.ts";
import { run } from "./support/run.ts";

const { promtool, kubeconform, schemas } = toolPaths();

type Rule = {
  alert: string;
  expr: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
};
type RuleSpec = { groups: { name: string; rules: Rule[] }[] };

async function renderedRules(): Promise<unknown> {
  const objects = await objectsOf(renderingNamed("production"));
  return objects.find((object) => object.kind === "PrometheusRule")?.spec;
}

/** The production rendering with extra `--set`/`--values` flags, parsed. */
async function renderProduction(extraArgs: string[]) {
  return parseManifest(await helmTemplate(["values-production.yaml"], extraArgs));
}

type Panel = { title: string; targets: { expr: string }[] };
const dashboard = JSON.parse(readFileSync(join(chartDir, "files/grafana-dashboard.json"), "utf8")) as {
  panels: Panel[];
};

describe("alert rules", () => {
  test("pass promtool's rule check", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rules-"));
    await Bun.write(join(dir, "rules.yaml"), JSON.stringify(await renderedRules()));
    const { code, output } = await run([promtool, "check", "rules", join(dir, "rules.yaml")]);
    expect(output).toContain("SUCCESS");
    expect(code).toBe(0);
  });

  test("fire exactly when a service is down, slow, or ingestion fails (promtool test rules)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rules-"));
    await Bun.write(join(dir, "rules.yaml"), JSON.stringify(await renderedRules()));
    copyFileSync(join(import.meta.dir, "fixtures/alert-rules.test.yaml"), join(dir, "alert-rules.test.yaml"));
    const { code, output } = await run([promtool, "test", "rules", "alert-rules.test.yaml"], { cwd: dir });
    expect(output).toContain("SUCCESS");
    expect(code).toBe(0);
  });

  test("every alert carries what on-call needs: service and severity, summary, description, runbook", async () => {
    const rules = ((await renderedRules()) as RuleSpec).groups.flatMap((group) => group.rules);
    expect(rules.length).toBeGreaterThan(4);
    for (const rule of rules) {
      // `service` is set by the rule, or kept from the series the expression aggregates by it.
      const serviceFrom =
        rule.labels.service ?? (/by \([^)]*\bservice\b/.test(rule.expr) ? "series" : undefined);
      expect(serviceFrom).toBeDefined();
      expect(["critical", "warning"]).toContain(String(rule.labels.severity));
      expect(Object.keys(rule.annotations).sort()).toEqual(["description", "runbook_url", "summary"]);
    }
  });

  test("each runbook link names its alert's section of docs/runbooks.md", async () => {
    const runbooks = readFileSync(join(repoRoot, "docs/runbooks.md"), "utf8");
    // GitHub's anchor of a "## Name" heading is the name in lower case.
    const anchors = new Set(
      [...runbooks.matchAll(/^## (\w+)$/gm)].map((match) => String(match[1]).toLowerCase()),
    );
    const rules = ((await renderedRules()) as RuleSpec).groups.flatMap((group) => group.rules);
    for (const rule of rules) {
      expect(rule.annotations.runbook_url).toBe(
        `https://github.com/trip-service/trip-service/blob/main/docs/runbooks.md#${rule.alert.toLowerCase()}`,
      );
      expect(anchors).toContain(rule.alert.toLowerCase());
    }
  });

  test("runbook links follow monitoring.runbookBaseUrl", async () => {
    const objects = await renderProduction([
      "--set",
      "monitoring.runbookBaseUrl=https://wiki.example/oncall/",
    ]);
    const spec = objects.find((object) => object.kind === "PrometheusRule")?.spec as RuleSpec;
    const urls = new Set(
      spec.groups.flatMap((group) => group.rules.map((rule) => rule.annotations.runbook_url)),
    );
    expect([...urls].sort()).toEqual([
      "https://wiki.example/oncall#tripingestionfailing",
      "https://wiki.example/oncall#tripingestionstalled",
      "https://wiki.example/oncall#tripservicedown",
      "https://wiki.example/oncall#tripservicelatencyhigh",
    ]);
  });

  test("cover the three alarms of the design", async () => {
    const spec = (await renderedRules()) as { groups: { rules: { alert: string }[] }[] };
    const alerts = new Set(spec.groups.flatMap((group) => group.rules.map((rule) => rule.alert)));
    expect([...alerts].sort()).toEqual([
      "TripIngestionFailing",
      "TripIngestionStalled",
      "TripServiceDown",
      "TripServiceLatencyHigh",
    ]);
  });
});

type Route = { receiver: string; matchers?: { name: string; matchType: string; value: string }[] };
type AlertmanagerConfigSpec = {
  route: Route & { groupBy: string[]; groupWait: string; routes?: Route[] };
  receivers: { name: string; [integration: string]: unknown }[];
};
const receiversFixture = join(import.meta.dir, "fixtures/alertmanager-values.yaml");

describe("alertmanager routing (AlertmanagerConfig)", () => {
  test("is not rendered while no receiver is configured", async () => {
    for (const rendering of renderings) {
      const kinds = (await objectsOf(rendering)).map((object) => object.kind);
      expect(kinds).not.toContain("AlertmanagerConfig");
    }
  });

  test("routes each severity to its configured receiver; the rest are dropped", async () => {
    const objects = await renderProduction(["--values", receiversFixture]);
    const config = objects.find((object) => object.kind === "AlertmanagerConfig") as {
      metadata: { namespace: string };
      spec: AlertmanagerConfigSpec;
    };
    expect(config.metadata.namespace).toBe("trip-service");
    expect(config.spec.route.receiver).toBe("unrouted");
    expect(config.spec.route.groupBy).toEqual(["alertname", "namespace", "service"]);
    expect(config.spec.route.routes).toEqual([
      { receiver: "oncall-pager", matchers: [{ name: "severity", matchType: "=", value: "critical" }] },
      { receiver: "team-chat", matchers: [{ name: "severity", matchType: "=", value: "warning" }] },
    ]);
    // The receivers are the values' own, credentials by Secret reference; plus the integration-less drop.
    expect(config.spec.receivers.map((receiver) => receiver.name)).toEqual([
      "unrouted",
      "oncall-pager",
      "team-chat",
    ]);
    expect(JSON.stringify(config.spec.receivers)).not.toContain("https://");
  });

  test("validates against prometheus-operator's AlertmanagerConfig CRD schema", async () => {
    const manifest = await helmTemplate(["values-production.yaml"], ["--values", receiversFixture]);
    const file = join(mkdtempSync(join(tmpdir(), "amcfg-")), "manifest.yaml");
    await Bun.write(file, manifest);
    const schemaLocation = join(schemas, "{{ .ResourceKind }}{{ .KindSuffix }}.json");
    const { code, output } = await run([
      kubeconform,
      "-strict",
      "-summary",
      "-schema-location",
      schemaLocation,
      file,
    ]);
    expect(output).toMatch(/Invalid: 0, Errors: 0, Skipped: 0/);
    expect(code).toBe(0);
  });

  test("a severity routed to a receiver that does not exist fails the render", async () => {
    const rendering = helmTemplate(
      ["values-production.yaml"],
      ["--values", receiversFixture, "--set", "monitoring.alertmanager.severityRoutes.critical=nobody"],
    );
    await expect(rendering).rejects.toThrow(/severityRoutes.critical names "nobody"/);
  });
});

/** The local monitoring run's files, as scripts/delivery/monitoring.sh renders them (render.ts). */
async function renderLocalMonitoring(): Promise<string> {
  const manifest = await helmTemplate(
    ["values-local.yaml"],
    ["--values", join(repoRoot, "deploy/local-cluster/monitoring/values.yaml")],
  );
  const out = mkdtempSync(join(tmpdir(), "monitoring-"));
  const proc = Bun.spawn(
    [
      process.execPath,
      join(repoRoot, "scripts/delivery/monitoring/render.ts"),
      "--out",
      out,
      "--config-dir",
      out,
    ],
    { stdin: new TextEncoder().encode(manifest), stdout: "pipe", stderr: "pipe" },
  );
  const [stderr, code] = await Promise.all([new Response(proc.stderr).text(), proc.exited]);
  if (code !== 0) throw new Error(`render.ts failed: ${stderr}`);
  return out;
}

type ScrapeJob = {
  job_name: string;
  scrape_interval?: string;
  metrics_path?: string;
  kubernetes_sd_configs?: { role: string; namespaces: { names: string[] } }[];
  relabel_configs?: Record<string, unknown>[];
};

describe("local monitoring configuration (no prometheus-operator: render.ts)", () => {
  test("scrapes both endpoints of every app pod as the operator would, with the canary labels", async () => {
    const out = await renderLocalMonitoring();
    const config = JSON.parse(readFileSync(join(out, "prometheus.yml"), "utf8")) as {
      scrape_configs: ScrapeJob[];
    };
    const jobs = config.scrape_configs.filter((job) => job.job_name.startsWith("podMonitor/"));
    expect(jobs.map((job) => [job.job_name, job.metrics_path, job.scrape_interval])).toEqual([
      ["podMonitor/trip-service/trip-service-apps/0", "/", "5s"],
      ["podMonitor/trip-service/trip-service-apps/1", "/metrics", "5s"],
    ]);
    for (const job of jobs) {
      expect(job.kubernetes_sd_configs).toEqual([{ role: "pod", namespaces: { names: ["trip-service"] } }]);
      const relabel = job.relabel_configs ?? [];
      expect(relabel).toContainEqual({
        action: "keep",
        source_labels: [
          "__meta_kubernetes_pod_label_trip_service_tier",
          "__meta_kubernetes_pod_labelpresent_trip_service_tier",
        ],
        regex: "(app);true",
      });
      expect(relabel).toContainEqual({ target_label: "job", replacement: "trip-service/trip-service-apps" });
      expect(relabel).toContainEqual({
        source_labels: ["__meta_kubernetes_pod_label_rollouts_pod_template_hash"],
        target_label: "rollouts_pod_template_hash",
        regex: "(.+)",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: Prometheus' replacement syntax, as the operator writes it
        replacement: "${1}",
      });
      // The chart's own relabeling comes last, as the operator appends it.
      expect(relabel.at(-1)).toEqual({
        source_labels: ["__meta_kubernetes_pod_label_app_kubernetes_io_name"],
        target_label: "app_id",
      });
    }
    expect(jobs[0]?.relabel_configs).toContainEqual({
      target_label: "endpoint",
      replacement: "dapr-metrics",
    });
    expect(jobs[1]?.relabel_configs).toContainEqual({ target_label: "endpoint", replacement: "http" });
  });

  test("passes promtool's config check, rule files included", async () => {
    const out = await renderLocalMonitoring();
    const { code, output } = await run([promtool, "check", "config", join(out, "prometheus.yml")]);
    expect(output).toContain("SUCCESS");
    expect(output).toMatch(/SUCCESS: \d+ rules found/);
    expect(code).toBe(0);
  });

  test("alertmanager.yml routes the release's alerts by severity to the local webhook", async () => {
    const out = await renderLocalMonitoring();
    const am = JSON.parse(readFileSync(join(out, "alertmanager.yml"), "utf8"));
    const receiver = "trip-service/trip-service-alerts/local-webhook";
    expect(am.route.receiver).toBe("null");
    expect(am.route.routes).toEqual([
      {
        receiver: "trip-service/trip-service-alerts/unrouted",
        group_by: ["alertname", "namespace", "service"],
        group_wait: "5s",
        group_interval: "10s",
        repeat_interval: "1h",
        matchers: ['namespace="trip-service"'],
        continue: true,
        routes: [
          { receiver, matchers: ['severity="critical"'] },
          { receiver, matchers: ['severity="warning"'] },
        ],
      },
    ]);
    expect(am.receivers).toContainEqual({
      name: receiver,
      webhook_configs: [{ url: "http://alert-webhook.monitoring.svc:8080/alerts", send_resolved: true }],
    });
  });
});

describe("grafana dashboard", () => {
  test("has the panels the design asks for, over the services' metric names", () => {
    const titles = dashboard.panels.map((panel) => panel.title).join(" | ");
    for (const topic of [
      "Request rate",
      "Latency",
      "Error",
      "Ingestion runs",
      "Ranking recomputations",
      "Cache hit ratio",
    ]) {
      expect(titles).toContain(topic);
    }
    const exprs = dashboard.panels.flatMap((panel) => panel.targets.map((target) => target.expr)).join("\n");
    for (const metric of [
      "http_requests_total",
      "http_request_duration_seconds_bucket",
      "ingest_runs_total",
      "ranking_recomputations_total",
      'cache_requests_total{namespace="$namespace", result="hit"}',
    ]) {
      expect(exprs).toContain(metric);
    }
  });

  test("every panel query is valid PromQL", async () => {
    const rules = dashboard.panels.flatMap((panel, index) =>
      panel.targets.map((target, n) => ({
        record: `dashboard:panel_${index}_${n}`,
        expr: target.expr.replaceAll("$namespace", "trip-service"),
      })),
    );
    const dir = mkdtempSync(join(tmpdir(), "dashboard-"));
    await Bun.write(join(dir, "panels.yaml"), JSON.stringify({ groups: [{ name: "dashboard", rules }] }));
    const { code, output } = await run([promtool, "check", "rules", join(dir, "panels.yaml")]);
    expect(output).toContain(`SUCCESS: ${rules.length} rules found`);
    expect(code).toBe(0);
  });
});
