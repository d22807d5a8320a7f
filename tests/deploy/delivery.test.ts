/**
 * The chart's part of GitOps and progressive delivery, judged on its renderings (the cluster proves the
 * same in tests/delivery): Argo CD sync waves in the staged order of the design document, and apps handed
 * to Argo Rollouts by values alone — a Rollout with the Deployment's own pod template, gated by an
 * AnalysisTemplate that judges the new version's pods only.
 */
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { helmTemplate, parseManifest } from "../../deploy/chart.ts";
import { repoRoot } from "../../deploy/tool-paths.ts";
import {
  type Application,
  localApplication,
  localProject,
  type Project,
} from "../../scripts/delivery/local-application.ts";
import type { K8sObject } from "./support/k8s-types.ts";
import { objectsInFolder, objectsOf, renderings } from "./support/rendered.ts";

const WAVE = "argocd.argoproj.io/sync-wave";
const waveOf = (object: K8sObject) => Number(object.metadata.annotations?.[WAVE]);
const isHook = (object: K8sObject) => object.metadata.annotations?.["helm.sh/hook"] !== undefined;
const find = (objects: K8sObject[], kind: string, name: string) =>
  objects.find((o) => o.kind === kind && o.metadata.name === name) as K8sObject;

const deliveryArgs = [
  "--set",
  "apps.currency-service.delivery.strategy=canary",
  "--set",
  "apps.history-service.delivery.strategy=blueGreen",
];
const render = async (extra: string[] = []) =>
  parseManifest(await helmTemplate(["values-production.yaml"], extra)) as K8sObject[];

describe("Argo CD sync waves", () => {
  for (const rendering of renderings) {
    test(`${rendering.name}: every object has one, in the order config < stores < Kafka < apps < web < ingress`, async () => {
      const objects = (await objectsOf(rendering)).filter((o) => !isHook(o));
      for (const object of objects) {
        expect(Number.isInteger(waveOf(object)), `${object.kind}/${object.metadata.name}`).toBe(true);
      }
      const wave = (kind: string, name: string) => waveOf(find(objects, kind, name));
      const stores = [
        "redis",
        "mariadb",
        ...(rendering.rankingStores === "mongodb" ? ["mongodb"] : []),
      ].filter((name) => find(objects, "StatefulSet", name));
      const apps = ["currency-service", "ranking-service", "history-service", "data-ingestor"];
      const config = objects.filter((o) =>
        ["ConfigMap", "Role", "Configuration", "Component"].includes(o.kind),
      );
      expect(config.length).toBeGreaterThan(0);
      const storeWaves = stores.map((name) => wave("StatefulSet", name));
      for (const object of config) expect(waveOf(object)).toBeLessThan(Math.min(...storeWaves));
      if (find(objects, "StatefulSet", "kafka")) {
        expect(wave("StatefulSet", "kafka")).toBeGreaterThan(Math.max(...storeWaves));
        for (const app of apps) expect(wave("Deployment", app)).toBeGreaterThan(wave("StatefulSet", "kafka"));
      }
      for (const app of apps) {
        expect(wave("Deployment", app)).toBeGreaterThan(Math.max(...storeWaves));
        expect(wave("Service", app)).toBe(wave("Deployment", app));
        expect(wave("Deployment", "web")).toBeGreaterThan(wave("Deployment", app));
      }
      const ingress = objects.find((o) => o.kind === "Ingress");
      if (ingress) expect(waveOf(ingress)).toBeGreaterThan(wave("Deployment", "web"));
    });
  }

  test("the wave annotation sits beside the labels, never in their place", async () => {
    const objects = await render();
    const namespace = objects.find((o) => o.kind === "Namespace") as K8sObject;
    expect(namespace.metadata.labels?.["pod-security.kubernetes.io/enforce"]).toBe("restricted");
    expect(Object.keys(namespace.metadata.annotations ?? {})).toEqual([WAVE]);
    const dashboard = find(objects, "ConfigMap", "trip-service-dashboard");
    expect(dashboard.metadata.labels?.grafana_dashboard).toBe("1");
    for (const object of objects) {
      for (const key of Object.keys(object.metadata.annotations ?? {})) {
        expect(key.startsWith("app.kubernetes.io/") || key.startsWith("pod-security."), key).toBe(false);
      }
    }
  });

  test("the MongoDB replica set is initiated in the stores' wave, before any app starts", async () => {
    const objects = await render();
    const job = find(objects, "Job", "mongodb-init");
    expect(job.metadata.annotations?.["argocd.argoproj.io/hook"]).toBe("Sync");
    expect(waveOf(job)).toBe(waveOf(find(objects, "StatefulSet", "mongodb")));
    expect(waveOf(job)).toBeLessThan(waveOf(find(objects, "Deployment", "ranking-service")));
  });
});

describe("progressive delivery by values", () => {
  test("rollingUpdate (the default) renders Deployments and no Argo Rollouts object", async () => {
    const objects = await render();
    expect(objects.filter((o) => o.apiVersion.startsWith("argoproj.io/"))).toEqual([]);
    expect(find(objects, "Deployment", "currency-service")).toBeDefined();
  });

  test("canary and blueGreen render Rollouts with the Deployment's own pod template", async () => {
    const plain = await render();
    const delivered = await render(deliveryArgs);
    for (const id of ["currency-service", "history-service"]) {
      const rollout = find(delivered, "Rollout", id);
      expect(rollout.apiVersion).toBe("argoproj.io/v1alpha1");
      expect(find(delivered, "Deployment", id)).toBeUndefined();
      expect(rollout.spec.template).toEqual(find(plain, "Deployment", id).spec.template);
      expect(rollout.spec.selector).toEqual(find(plain, "Deployment", id).spec.selector);
      const hpa = find(delivered, "HorizontalPodAutoscaler", id);
      expect(hpa.spec.scaleTargetRef).toEqual({
        apiVersion: "argoproj.io/v1alpha1",
        kind: "Rollout",
        name: id,
      });
    }
    // The apps left alone stay Deployments.
    expect(find(delivered, "Deployment", "ranking-service")).toBeDefined();
    const canary = find(delivered, "Rollout", "currency-service").spec.strategy.canary;
    expect(canary.steps.filter((s: { setWeight?: number }) => s.setWeight !== undefined)).toEqual([
      { setWeight: 20 },
      { setWeight: 50 },
    ]);
    expect(canary.analysis.templates).toEqual([{ templateName: "currency-service-analysis" }]);
    expect(canary.analysis.args).toEqual([
      { name: "pod-hash", valueFrom: { podTemplateHashValue: "Latest" } },
    ]);
    const blueGreen = find(delivered, "Rollout", "history-service").spec.strategy.blueGreen;
    expect(blueGreen.activeService).toBe("history-service");
    expect(blueGreen.previewService).toBe("history-service-preview");
    expect(blueGreen.prePromotionAnalysis.templates).toEqual([{ templateName: "history-service-analysis" }]);
    const preview = find(delivered, "Service", "history-service-preview");
    const active = find(delivered, "Service", "history-service");
    expect(preview.spec.selector).toEqual(active.spec.selector);
    expect(preview.spec.ports).toEqual(active.spec.ports);
  });

  test("the analysis judges the new version's own pods: its 5xx share and p95 latency", async () => {
    const objects = await render(deliveryArgs);
    const template = find(objects, "AnalysisTemplate", "currency-service-analysis");
    const metrics = template.spec.metrics as {
      name: string;
      successCondition: string;
      provider: { prometheus: { address: string; query: string } };
    }[];
    expect(metrics.map((m) => m.name)).toEqual(["error-ratio", "p95-latency"]);
    for (const metric of metrics) {
      const query = metric.provider.prometheus.query;
      expect(query).toContain('namespace="trip-service"');
      expect(query).toContain('service="currency-service"');
      expect(query).toContain('rollouts_pod_template_hash="{{args.pod-hash}}"');
      expect(metric.provider.prometheus.address).toBe("http://prometheus.monitoring.svc:9090");
    }
    expect(metrics[0]?.provider.prometheus.query).toContain('status=~"5.."');
    expect(metrics[0]?.successCondition).toContain("result[0] <= 0.02");
    expect(metrics[1]?.provider.prometheus.query).toContain("histogram_quantile(0.95");
    expect(metrics[1]?.successCondition).toContain("result[0] <= 0.5");
  });

  test("an unknown strategy is refused by the values schema", async () => {
    await expect(render(["--set", "apps.web.delivery.strategy=recreate"])).rejects.toThrow(/strategy/);
  });

  test("the Argo CD project admits the Rollouts kinds", () => {
    const project = objectsInFolder("argocd").find((o) => o.kind === "AppProject") as K8sObject;
    const allowed = (project.spec.namespaceResourceWhitelist as { group: string; kind: string }[]).map(
      (r) => `${r.group}/${r.kind}`,
    );
    expect(allowed).toContain("argoproj.io/Rollout");
    expect(allowed).toContain("argoproj.io/AnalysisTemplate");
  });
});

describe("the local Argo CD application (scripts/delivery/local-application.ts)", () => {
  const read = <T>(file: string) => Bun.YAML.parse(readFileSync(join(repoRoot, "argocd", file), "utf8")) as T;
  const url = "git://10.244.0.1:9418/trip-service.git";

  test("is staging's application with only the repository, the local values and NodePorts changed", () => {
    const staging = read<Application>("application-staging.yaml");
    const local = localApplication(staging, url);
    expect(local.spec.source.repoURL).toBe(url);
    expect(local.spec.source.helm?.valueFiles).toEqual([
      "values-staging.yaml",
      "values-local.yaml",
      "image-tags/staging.yaml",
    ]);
    expect(local.spec.source.helm?.valuesObject).toEqual({ appDefaults: { service: { type: "ClusterIP" } } });
    const { source: _local, ...restLocal } = local.spec;
    const { source: _staging, ...restStaging } = staging.spec;
    expect(restLocal).toEqual(restStaging);
    expect(local.metadata).toEqual(staging.metadata);
  });

  test("its project allows that repository only", () => {
    expect(localProject(read<Project>("project.yaml"), url).spec.sourceRepos).toEqual([url]);
  });
});
