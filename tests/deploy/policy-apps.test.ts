import { describe, expect, test } from "bun:test";
import { appIds } from "../../scripts/ci/apps.ts";
import { APP_IDS, appPorts } from "./support/contract.ts";
import type { Container, K8sObject, PodTemplate } from "./support/k8s-types.ts";
import { objectsOf, renderingNamed, renderings } from "./support/rendered.ts";

const ofKind = (objects: K8sObject[], kind: string) => objects.filter((object) => object.kind === kind);
const named = (objects: K8sObject[], kind: string, name: string) =>
  objects.find((object) => object.kind === kind && object.metadata.name === name);

function appContainer(deployment: K8sObject): Container {
  const template = deployment.spec.template as PodTemplate;
  const container = template.spec.containers.find((candidate) => candidate.name === deployment.metadata.name);
  if (container === undefined) throw new Error(`${deployment.metadata.name} has no app container`);
  return container;
}

test("the CI app list, the shared names and the chart's apps are the same five apps", async () => {
  const deployments = ofKind(await objectsOf(renderingNamed("production")), "Deployment");
  expect([...appIds].sort()).toEqual(Object.values(APP_IDS).sort());
  expect(deployments.map((deployment) => deployment.metadata.name).sort()).toEqual([...appIds].sort());
});

for (const rendering of renderings) {
  describe(`apps rendered with ${rendering.name} values`, () => {
    for (const id of appIds) {
      test(`${id}: Dapr app id, port and probes follow the contract`, async () => {
        const deployment = named(await objectsOf(rendering), "Deployment", id) as K8sObject;
        const annotations = deployment.spec.template.metadata.annotations as Record<string, string>;
        const container = appContainer(deployment);
        const port = appPorts[id];
        expect(annotations["dapr.io/enabled"]).toBe("true");
        expect(annotations["dapr.io/app-id"]).toBe(id);
        expect(annotations["dapr.io/app-port"]).toBe(String(port));
        expect(container.ports?.[0]?.containerPort).toBe(port);
        expect(container.livenessProbe?.httpGet?.path).toBe("/health");
        expect(container.readinessProbe?.httpGet?.path).toBe("/ready");
        const service = named(await objectsOf(rendering), "Service", id) as K8sObject;
        expect(service.spec.ports[0].port).toBe(port);
      });

      test(`${id}: sidecar settings (config, metrics, JSON logs, resources, tokens)`, async () => {
        const deployment = named(await objectsOf(rendering), "Deployment", id) as K8sObject;
        const annotations = deployment.spec.template.metadata.annotations as Record<string, string>;
        expect(annotations["dapr.io/config"]).toBe("trip-service");
        expect(annotations["dapr.io/enable-metrics"]).toBe("true");
        expect(annotations["dapr.io/metrics-port"]).toBe("9090");
        expect(annotations["dapr.io/log-as-json"]).toBe("true");
        for (const key of ["cpu-request", "memory-request", "cpu-limit", "memory-limit"]) {
          expect(annotations[`dapr.io/sidecar-${key}`]).toBeTruthy();
        }
        expect(annotations["dapr.io/api-token-secret"]).toBeTruthy();
        expect(annotations["dapr.io/app-token-secret"]).toBeTruthy();
        // The only secret store is the scoped `secretstore` component (the built-in one is unscoped).
        expect(annotations["dapr.io/disable-builtin-k8s-secret-store"]).toBe("true");
      });

      test(`${id}: the app reads its tokens from the very Secrets the sidecar uses`, async () => {
        const deployment = named(await objectsOf(rendering), "Deployment", id) as K8sObject;
        const annotations = deployment.spec.template.metadata.annotations as Record<string, string>;
        const env = appContainer(deployment).env ?? [];
        const ref = (name: string) => env.find((entry) => entry.name === name)?.valueFrom?.secretKeyRef;
        // Dapr's injector reads the key `token` of the annotated Secret.
        expect(ref("DAPR_API_TOKEN")).toEqual({
          name: annotations["dapr.io/api-token-secret"] as string,
          key: "token",
        });
        expect(ref("APP_API_TOKEN")).toEqual({
          name: annotations["dapr.io/app-token-secret"] as string,
          key: "token",
        });
      });

      test(`${id}: environment of the conventions (PORT, DAPR_HTTP_PORT, LOG_LEVEL, SERVICE_VERSION, CORS_ORIGINS)`, async () => {
        const objects = await objectsOf(rendering);
        const container = appContainer(named(objects, "Deployment", id) as K8sObject);
        const value = (name: string) => container.env?.find((entry) => entry.name === name)?.value;
        expect(value("PORT")).toBe(String(appPorts[id]));
        expect(value("DAPR_HTTP_PORT")).toBe("3500");
        expect(value("SERVICE_VERSION")).toBe(container.image.split(":").at(-1) as string);
        const configMapName = container.envFrom?.[0]?.configMapRef?.name as string;
        const configMap = named(objects, "ConfigMap", configMapName) as K8sObject;
        expect(Object.keys(configMap.data ?? {}).sort()).toEqual([
          "CORS_ORIGINS",
          "LEGACY_CLIENT_COMPAT",
          "LOG_LEVEL",
          "SHUTDOWN_DRAIN_SECONDS",
        ]);
        // The old frontend's routes are served until an operator switches them off (docs/migration.md).
        expect(configMap.data?.LEGACY_CLIENT_COMPAT).toBe("true");
      });

      test(`${id}: scales on CPU and keeps a pod through disruptions`, async () => {
        const objects = await objectsOf(rendering);
        const hpa = named(objects, "HorizontalPodAutoscaler", id) as K8sObject;
        expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: "apps/v1", kind: "Deployment", name: id });
        expect(hpa.spec.metrics[0].containerResource.target.averageUtilization).toBe(70);
        if (rendering.local) {
          // One pod per app on the two-core node; no PDB over a single pod.
          expect([hpa.spec.minReplicas, hpa.spec.maxReplicas]).toEqual([1, 2]);
          expect(named(objects, "PodDisruptionBudget", id)).toBeUndefined();
        } else if (rendering.name !== "staging") {
          expect([hpa.spec.minReplicas, hpa.spec.maxReplicas]).toEqual([
            2,
            id === "data-ingestor" && rendering.name !== "defaults" ? 3 : 10,
          ]);
          expect(named(objects, "PodDisruptionBudget", id)?.spec.minAvailable).toBe(1);
        }
      });
    }
  });
}

test("staging runs the image tags the pipeline committed", async () => {
  const file = await Bun.file(`${import.meta.dir}/../../helm/trip-service/image-tags/staging.yaml`).text();
  const tags = (Bun.YAML.parse(file) as { apps: Record<string, { image: { tag: string } }> }).apps;
  const chart = await Bun.file(`${import.meta.dir}/../../helm/trip-service/Chart.yaml`).text();
  const appVersion = (Bun.YAML.parse(chart) as { appVersion: string }).appVersion;
  const deployments = ofKind(await objectsOf(renderingNamed("staging")), "Deployment");
  for (const deployment of deployments) {
    const expected = tags[deployment.metadata.name]?.image.tag ?? appVersion;
    expect(appContainer(deployment).image).toBe(
      `registry.example.com/trip-service/${deployment.metadata.name}:${expected}`,
    );
  }
});
