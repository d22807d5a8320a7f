import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  APP_IDS,
  DAPR_NAMESPACE,
  isReady,
  kubectl,
  kubectlJson,
  NAMESPACE,
  podsOf,
  REPO_ROOT,
} from "./support/cluster.ts";

/** daprd and the control plane run the version the local stack pins (scripts/setup/versions.env). */
const daprVersion = (readFileSync(join(REPO_ROOT, "scripts/setup/versions.env"), "utf8").match(
  /^DAPR_VERSION=v(\S+)/m,
)?.[1] ?? "unknown") as string;

describe("workloads of the release and of Dapr", () => {
  test("every pod in trip-service and dapr-system is Running and Ready", () => {
    for (const namespace of [NAMESPACE, DAPR_NAMESPACE]) {
      const pods = podsOf(namespace).filter((pod) => pod.status.phase !== "Succeeded");
      expect(pods.length).toBeGreaterThan(namespace === NAMESPACE ? 7 : 6);
      for (const pod of pods) {
        expect({ pod: pod.metadata.name, phase: pod.status.phase, ready: isReady(pod) }).toEqual({
          pod: pod.metadata.name,
          phase: "Running",
          ready: true,
        });
      }
    }
  });

  test("every app pod is 2/2: the app container and the injected daprd, both Ready", () => {
    for (const id of APP_IDS) {
      const pods = podsOf(NAMESPACE, `app.kubernetes.io/name=${id}`).filter(
        (pod) => pod.status.phase === "Running",
      );
      expect(pods.length).toBeGreaterThanOrEqual(1);
      for (const pod of pods) {
        const statuses = (pod.status.containerStatuses ?? []).map((status) => [status.name, status.ready]);
        expect({ pod: pod.metadata.name, containers: statuses.sort() }).toEqual({
          pod: pod.metadata.name,
          containers: [
            ["daprd", true],
            [id, true],
          ].sort(),
        });
      }
    }
  });

  test("the namespace enforces Pod Security restricted, and the injected daprd satisfies it", () => {
    const namespace = kubectlJson(["get", "namespace", NAMESPACE]);
    expect(namespace.metadata.labels["pod-security.kubernetes.io/enforce"]).toBe("restricted");
    for (const pod of podsOf(NAMESPACE, "trip-service/tier=app")) {
      const daprd = pod.spec.containers.find((container) => container.name === "daprd");
      expect({ pod: pod.metadata.name, security: daprd?.securityContext }).toMatchObject({
        pod: pod.metadata.name,
        security: { runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
      });
    }
    // A pod that is not restricted is refused by the API server (server-side dry run, nothing created).
    const privileged = JSON.stringify({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "psa-probe", namespace: NAMESPACE },
      spec: {
        containers: [{ name: "c", image: "docker.io/trip/pause:x", securityContext: { privileged: true } }],
      },
    });
    const refused = kubectl(["create", "--dry-run=server", "-f", "-"], {
      stdin: privileged,
      allowFailure: true,
    });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('violates PodSecurity "restricted');
  });

  test(`sidecars and control plane are Dapr ${daprVersion}, sidecars with mTLS through Sentry`, () => {
    for (const pod of podsOf(NAMESPACE, "trip-service/tier=app")) {
      const daprd = kubectlJson(["-n", NAMESPACE, "get", "pod", pod.metadata.name]).spec.containers.find(
        (container: { name: string }) => container.name === "daprd",
      );
      expect(daprd.image).toBe(`ghcr.io/dapr/daprd:${daprVersion}`);
      expect(daprd.args).toContain("--enable-mtls");
    }
    for (const pod of podsOf(DAPR_NAMESPACE)) {
      for (const container of pod.spec.containers) expect(container.image).toEndWith(`:${daprVersion}`);
    }
    const system = kubectlJson(["-n", DAPR_NAMESPACE, "get", "configuration", "daprsystem"]);
    expect(system.spec.mtls.enabled).toBe(true);
  });

  test("the KRaft broker's node id is its StatefulSet ordinal (the pod-index label)", () => {
    for (const pod of podsOf(NAMESPACE, "app.kubernetes.io/name=kafka")) {
      const index = pod.metadata.labels["apps.kubernetes.io/pod-index"];
      expect(pod.metadata.name).toBe(`kafka-${index}`);
      const properties = kubectl([
        "-n",
        NAMESPACE,
        "exec",
        pod.metadata.name,
        "-c",
        "kafka",
        "--",
        "cat",
        "/opt/kafka/config/server.properties",
      ]).stdout;
      expect(properties).toMatch(new RegExp(`^node\\.id=${index}$`, "m"));
    }
  });

  test("each app has its HorizontalPodAutoscaler on the app container's CPU", () => {
    const hpas = kubectlJson(["-n", NAMESPACE, "get", "hpa"]).items as {
      spec: { scaleTargetRef: { name: string }; metrics: { containerResource: { container: string } }[] };
    }[];
    const targets = hpas.map((hpa) => [
      hpa.spec.scaleTargetRef.name,
      hpa.spec.metrics[0]?.containerResource.container,
    ]);
    expect(targets.sort()).toEqual(APP_IDS.map((id) => [id, id]).sort());
  });
});
