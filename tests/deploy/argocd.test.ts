import { describe, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { valuesFilesOf } from "../../deploy/chart.ts";
import { repoRoot } from "../../deploy/tool-paths.ts";
import type { K8sObject } from "./support/k8s-types.ts";
import { objectsInFolder, objectsOf, renderings } from "./support/rendered.ts";

const objects = objectsInFolder("argocd");
const application = (name: string) =>
  objects.find((object) => object.kind === "Application" && object.metadata.name === name) as K8sObject;
const project = objects.find((object) => object.kind === "AppProject") as K8sObject;

describe("Argo CD", () => {
  for (const environment of ["staging", "production"] as const) {
    test(`${environment} points at the chart with its values and image-tag files`, () => {
      const app = application(`trip-service-${environment}`);
      expect(app.spec.project).toBe(project.metadata.name);
      expect(app.spec.source.path).toBe("helm/trip-service");
      expect(project.spec.sourceRepos).toContain(app.spec.source.repoURL);
      expect(app.spec.source.helm.valueFiles).toEqual(valuesFilesOf(environment));
      for (const file of app.spec.source.helm.valueFiles as string[]) {
        expect(existsSync(join(repoRoot, "helm/trip-service", file))).toBe(true);
      }
      const destinations = (project.spec.destinations as { namespace: string }[]).map((d) => d.namespace);
      expect(destinations).toContain(app.spec.destination.namespace);
    });
  }

  test("each application deploys into the namespace its values render", async () => {
    for (const environment of ["staging", "production"] as const) {
      const rendering = renderings.find((candidate) => candidate.name === environment);
      const rendered = await objectsOf(rendering as (typeof renderings)[number]);
      const namespaces = new Set(
        rendered.filter((o) => o.kind !== "Namespace").map((o) => o.metadata.namespace),
      );
      expect([...namespaces]).toEqual([
        application(`trip-service-${environment}`).spec.destination.namespace,
      ]);
    }
  });

  test("staging syncs itself (prune, self-heal); production only by hand", () => {
    expect(application("trip-service-staging").spec.syncPolicy.automated).toEqual({
      prune: true,
      selfHeal: true,
    });
    expect(application("trip-service-production").spec.syncPolicy.automated).toBeUndefined();
  });

  test("the project admits every kind the chart renders, and nothing cluster-wide but the namespace", async () => {
    const allowed = new Set(
      (project.spec.namespaceResourceWhitelist as { group: string; kind: string }[]).map(
        (r) => `${r.group}/${r.kind}`,
      ),
    );
    expect(project.spec.clusterResourceWhitelist).toEqual([{ group: "", kind: "Namespace" }]);
    for (const rendering of renderings) {
      for (const object of await objectsOf(rendering)) {
        if (object.kind === "Namespace") continue;
        const group = object.apiVersion.includes("/") ? (object.apiVersion.split("/")[0] as string) : "";
        expect(allowed).toContain(`${group}/${object.kind}`);
      }
    }
    // The secrets the chart can render (secrets.create=true) are allowed too.
    expect(allowed).toContain("/Secret");
  });
});
