import { describe, expect, test } from "bun:test";
import { containersOf, type K8sObject, podTemplateOf } from "./support/k8s-types.ts";
import { objectsInFolder, objectsOf, renderings } from "./support/rendered.ts";

const secretLookingName = /(password|token|secret|dsn|api[-_]?key|keyfile|salt)/i;
/** Env vars whose names look secret but are switches (value "1"), not secrets. */
const switches = new Set(["MARIADB_RANDOM_ROOT_PASSWORD"]);
const placeholder = /^\$\{[A-Z][A-Z0-9_]*\}$/;

const workloads = (objects: K8sObject[]) => objects.filter((object) => podTemplateOf(object) !== undefined);

for (const rendering of renderings) {
  describe(`pods rendered with ${rendering.name} values`, () => {
    test("every pod runs as non-root with the RuntimeDefault seccomp profile", async () => {
      for (const workload of workloads(await objectsOf(rendering))) {
        const template = podTemplateOf(workload);
        const pod = template?.spec.securityContext;
        expect({ name: workload.metadata.name, runAsNonRoot: pod?.runAsNonRoot }).toEqual({
          name: workload.metadata.name,
          runAsNonRoot: true,
        });
        // A user id for every container: the pod's, or each container's own.
        for (const container of template ? containersOf(template) : []) {
          const user = container.securityContext?.runAsUser ?? pod?.runAsUser;
          expect({ container: container.name, user: (user ?? 0) > 0 }).toEqual({
            container: container.name,
            user: true,
          });
        }
        expect(pod?.seccompProfile?.type).toBe("RuntimeDefault");
      }
    });

    test("app pods leave the user of the injected daprd to its image (Dapr requires 65532:65532)", async () => {
      for (const workload of (await objectsOf(rendering)).filter((object) => object.kind === "Deployment")) {
        const template = podTemplateOf(workload);
        expect(template?.metadata.annotations?.["dapr.io/enabled"]).toBe("true");
        expect(template?.spec.securityContext?.runAsUser).toBeUndefined();
        expect(
          (template?.spec.securityContext as { runAsGroup?: number } | undefined)?.runAsGroup,
        ).toBeUndefined();
        for (const container of template?.spec.containers ?? []) {
          expect(container.securityContext?.runAsUser).toBe(1000);
        }
      }
    });

    test("every container drops all capabilities and cannot escalate; apps have a read-only root", async () => {
      for (const workload of workloads(await objectsOf(rendering))) {
        const template = podTemplateOf(workload);
        if (template === undefined) continue;
        for (const container of containersOf(template)) {
          const where = `${workload.metadata.name}/${container.name}`;
          expect({ where, escalation: container.securityContext?.allowPrivilegeEscalation }).toEqual({
            where,
            escalation: false,
          });
          expect({ where, drop: container.securityContext?.capabilities?.drop }).toEqual({
            where,
            drop: ["ALL"],
          });
          if (workload.kind === "Deployment")
            expect(container.securityContext?.readOnlyRootFilesystem).toBe(true);
        }
      }
    });

    test("every long-running container has resource requests, limits and probes", async () => {
      for (const workload of workloads(await objectsOf(rendering))) {
        if (workload.kind === "Job") continue;
        for (const container of podTemplateOf(workload)?.spec.containers ?? []) {
          const where = `${workload.metadata.name}/${container.name}`;
          expect({ where, requests: Object.keys(container.resources?.requests ?? {}).sort() }).toEqual({
            where,
            requests: ["cpu", "memory"],
          });
          expect({ where, limits: Object.keys(container.resources?.limits ?? {}).sort() }).toEqual({
            where,
            limits: ["cpu", "memory"],
          });
          expect({ where, probes: Boolean(container.readinessProbe && container.livenessProbe) }).toEqual({
            where,
            probes: true,
          });
        }
      }
    });

    test("no literal secret: secret-looking env vars and component fields come from Secrets", async () => {
      for (const object of await objectsOf(rendering)) {
        const template = podTemplateOf(object);
        for (const container of template ? containersOf(template) : []) {
          for (const entry of container.env ?? []) {
            if (!secretLookingName.test(entry.name) || switches.has(entry.name)) continue;
            expect({ env: entry.name, literal: entry.value }).toEqual({
              env: entry.name,
              literal: undefined,
            });
            expect(entry.valueFrom?.secretKeyRef).toBeDefined();
          }
        }
        if (object.kind === "Component") {
          for (const field of object.spec.metadata as {
            name: string;
            value?: unknown;
            secretKeyRef?: unknown;
          }[]) {
            const sensitive =
              secretLookingName.test(field.name) ||
              (object.spec.type === "bindings.mysql" && field.name === "url");
            if (sensitive)
              expect({ field: field.name, ref: Boolean(field.secretKeyRef), value: field.value }).toEqual({
                field: field.name,
                ref: true,
                value: undefined,
              });
          }
        }
        expect({ kind: object.kind, secretRendered: object.kind === "Secret" }).toEqual({
          kind: object.kind,
          secretRendered: false,
        });
      }
    });
  });
}

describe("k8s/ plain manifests", () => {
  const objects = objectsInFolder("k8s");

  test("Secrets hold only envsubst placeholders, for every key the workloads and components use", () => {
    const secrets = objects.filter((object) => object.kind === "Secret");
    const provided = new Set(
      secrets.flatMap((secret) =>
        Object.keys(secret.stringData ?? {}).map((key) => `${secret.metadata.name}/${key}`),
      ),
    );
    for (const secret of secrets) {
      expect(secret.data).toBeUndefined();
      for (const value of Object.values(secret.stringData ?? {})) expect(value).toMatch(placeholder);
    }
    const referenced = new Set<string>();
    for (const object of objects) {
      const text = JSON.stringify(object);
      for (const match of text.matchAll(/"secretKeyRef":\{"name":"([^"]+)","key":"([^"]+)"\}/g))
        referenced.add(`${match[1]}/${match[2]}`);
    }
    expect(referenced.size).toBeGreaterThan(5);
    for (const reference of referenced)
      expect({ reference, provided: provided.has(reference) }).toEqual({ reference, provided: true });
  });

  test("the two secret-store entries the apps read exist as Secrets named like their key", () => {
    for (const key of ["admin-token", "user-hash-salt"]) {
      const secret = objects.find((object) => object.kind === "Secret" && object.metadata.name === key);
      expect(Object.keys(secret?.stringData ?? {})).toEqual([key]);
    }
  });
});
