import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { manifestOf, volumesOf } from "../../deploy/local-cluster/volumes.ts";
import { repoRoot } from "../../deploy/tool-paths.ts";
import { APP_IDS, appPorts } from "./support/contract.ts";
import { type K8sObject, podTemplateOf } from "./support/k8s-types.ts";
import { objectsOf, renderingNamed } from "./support/rendered.ts";

/**
 * helm/trip-service/values-local.yaml: the local one-node cluster (scripts/cluster/) with the images
 * scripts/images/ builds. These pin what the local values must agree with outside the chart.
 */
const rendering = renderingNamed("local cluster");

/** KEY=value assignments of a shell file (trailing comments dropped, ${VAR} expanded from earlier keys). */
function shellAssignments(path: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of readFileSync(join(repoRoot, path), "utf8").split("\n")) {
    const match = line.match(/^([A-Z_][A-Z0-9_]*)=("[^"]*"|\S*)/);
    if (match?.[1] === undefined || match[2] === undefined) continue;
    values[match[1]] = match[2]
      .replace(/^"|"$/g, "")
      .replace(/\$\{([A-Z_][A-Z0-9_]*)\}/g, (_, name: string) => values[name] ?? "");
  }
  return values;
}

const images = {
  ...shellAssignments("scripts/setup/versions.env"),
  ...shellAssignments("scripts/images/versions.env"),
};
/** The node IP of the local cluster: the CNI bridge's gateway, where NodePorts and the host's FX sandbox listen. */
const nodeIp = shellAssignments("scripts/cluster/lib.sh").POD_GW as string;

const workloads = (objects: K8sObject[]) => objects.filter((object) => podTemplateOf(object) !== undefined);
/** Millicores of a Kubernetes CPU quantity ("50m", "1", "0.5"). */
const millicores = (quantity: string) =>
  quantity.endsWith("m") ? Number(quantity.slice(0, -1)) : Number(quantity) * 1000;

describe("local cluster values (values-local.yaml)", () => {
  test("apps run the images scripts/images builds, never pulled (no registry here)", async () => {
    const objects = await objectsOf(rendering);
    for (const id of Object.values(APP_IDS)) {
      const deployment = objects.find((o) => o.kind === "Deployment" && o.metadata.name === id) as K8sObject;
      const container = podTemplateOf(deployment)?.spec.containers[0] as {
        image: string;
        imagePullPolicy?: string;
      };
      expect({ image: container.image, pull: container.imagePullPolicy }).toEqual({
        image: `${images.APP_REGISTRY}/${id}:0123abc`,
        pull: "Never",
      });
    }
  });

  test("the stores run the MariaDB, Redis and Kafka images scripts/images builds from Debian packages", async () => {
    const objects = await objectsOf(rendering);
    const imageOf = (name: string) =>
      podTemplateOf(objects.find((o) => o.kind === "StatefulSet" && o.metadata.name === name) as K8sObject)
        ?.spec.containers[0]?.image;
    expect(imageOf("mariadb")).toBe(`${images.STORE_REGISTRY}/mariadb:${images.MARIADB_TAG}`);
    expect(imageOf("redis")).toBe(`${images.STORE_REGISTRY}/redis:${images.REDIS_TAG}`);
    expect(imageOf("kafka")).toBe(`${images.STORE_REGISTRY}/kafka:${images.KAFKA_VERSION}`);
    expect(
      objects
        .filter((o) => o.kind === "StatefulSet")
        .map((o) => o.metadata.name)
        .sort(),
    ).toEqual(["kafka", "mariadb", "redis"]);
  });

  test("every app is a NodePort on a fixed port; the UI origin is the web gateway's NodePort URL", async () => {
    const objects = await objectsOf(rendering);
    const nodePorts: Record<string, number> = {};
    for (const id of Object.values(APP_IDS)) {
      const service = objects.find((o) => o.kind === "Service" && o.metadata.name === id) as K8sObject;
      expect(service.spec.type).toBe("NodePort");
      expect(service.spec.ports[0].port).toBe(appPorts[id] as number);
      nodePorts[id] = service.spec.ports[0].nodePort;
    }
    expect(new Set(Object.values(nodePorts)).size).toBe(5);
    expect(objects.some((o) => o.kind === "Ingress")).toBe(false);
    const config = objects.find((o) => o.kind === "ConfigMap" && o.metadata.name === "trip-service-config");
    expect(config?.data?.CORS_ORIGINS).toBe(`http://${nodeIp}:${nodePorts[APP_IDS.web]}`);
  });

  test("the FX provider is the host's sandbox on the node IP (pods cannot reach the host's loopback)", async () => {
    const fx = (await objectsOf(rendering)).find(
      (o) => o.kind === "Component" && o.metadata.name === "fx-provider",
    ) as K8sObject;
    const url = (fx.spec.metadata as { name: string; value?: string }[]).find((f) => f.name === "url")?.value;
    expect(url).toBe(`http://${nodeIp}:8091`);
  });

  test("nothing needs a CRD or controller the local cluster lacks (prometheus-operator, cert-manager, ingress)", async () => {
    const kinds = new Set((await objectsOf(rendering)).map((o) => `${o.apiVersion}/${o.kind}`));
    for (const kind of kinds) {
      expect({
        kind,
        local:
          /^(v1|apps\/v1|batch\/v1|autoscaling\/v2|policy\/v1|rbac\.authorization\.k8s\.io\/v1|networking\.k8s\.io\/v1|dapr\.io\/v1alpha1)\//.test(
            kind,
          ),
      }).toEqual({ kind, local: true });
    }
    expect([...kinds].some((kind) => kind.endsWith("/Ingress"))).toBe(false);
  });

  test("every volume claim asks for the storage class of install.sh's local PersistentVolumes", async () => {
    for (const workload of (await objectsOf(rendering)).filter((o) => o.kind === "StatefulSet")) {
      for (const claim of workload.spec.volumeClaimTemplates as { spec: { storageClassName?: string } }[]) {
        expect({ workload: workload.metadata.name, storageClass: claim.spec.storageClassName }).toEqual({
          workload: workload.metadata.name,
          storageClass: "trip-local",
        });
      }
    }
  });

  test("install.sh makes one local PV per claim, pre-bound, in a directory owned by the pod's user", async () => {
    const objects = (await objectsOf(rendering)) as unknown as Record<string, unknown>[];
    const volumes = volumesOf(objects, "trip-local");
    expect(volumes.map((v) => [v.claim, v.size, v.uid, v.gid]).sort()).toEqual(
      [
        ["data-kafka-0", "2Gi", 1000, 1000],
        ["data-mariadb-0", "2Gi", 999, 999],
        ["data-redis-0", "1Gi", 999, 999],
      ].sort(),
    );
    const manifest = manifestOf(volumes, { node: "trip-node", root: "/v", storageClass: "trip-local" })
      .split("\n---\n")
      .map((document) => JSON.parse(document));
    expect(manifest[0]).toMatchObject({ kind: "StorageClass", provisioner: "kubernetes.io/no-provisioner" });
    for (const pv of manifest.slice(1)) {
      expect(pv.spec.claimRef.namespace).toBe("trip-service");
      expect(pv.spec.local.path).toBe(`/v/trip-service/${pv.spec.claimRef.name}`);
      expect(pv.spec.storageClassName).toBe("trip-local");
    }
  });

  test("CPU requests of apps, injected sidecars and stores leave a two-core node room for Dapr and a rollout", async () => {
    let total = 0;
    for (const workload of workloads(await objectsOf(rendering))) {
      const template = podTemplateOf(workload) as NonNullable<ReturnType<typeof podTemplateOf>>;
      const replicas = workload.kind === "StatefulSet" ? (workload.spec.replicas as number) : 1;
      const sidecar = template.metadata.annotations?.["dapr.io/sidecar-cpu-request"];
      const containers = template.spec.containers.map((c) => millicores(c.resources?.requests?.cpu ?? "0"));
      total += replicas * (containers.reduce((a, b) => a + b, 0) + (sidecar ? millicores(sidecar) : 0));
    }
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(1000);
  });
});
