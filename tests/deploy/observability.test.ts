import { describe, expect, test } from "bun:test";
import { copyFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chartDir } from "../../deploy/chart.ts";
import { toolPaths } from "../../deploy/tool-paths.ts";
import { objectsOf, renderingNamed } from "./support/rendered.ts";
import { run } from "./support/run.ts";

const { promtool } = toolPaths();

async function renderedRules(): Promise<unknown> {
  const objects = await objectsOf(renderingNamed("production"));
  return objects.find((object) => object.kind === "PrometheusRule")?.spec;
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
