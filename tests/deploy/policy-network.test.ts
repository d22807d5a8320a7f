import { describe, expect, test } from "bun:test";
import { APP_IDS, adminRoutePrefix, appPorts, publicRoutes } from "./support/contract.ts";
import type { K8sObject } from "./support/k8s-types.ts";
import { objectsOf, type Rendering, renderingNamed, renderings } from "./support/rendered.ts";

/** What each app's sidecar may reach: the stores behind the components it owns (contract §1). */
const storesOf: Record<string, string[]> = {
  [APP_IDS.currency]: ["kafka", "mariadb", "redis"],
  [APP_IDS.ranking]: ["kafka", "mongodb", "redis"],
  [APP_IDS.history]: ["kafka", "mariadb", "redis"],
  [APP_IDS.ingestor]: ["kafka", "mariadb", "redis"],
  [APP_IDS.web]: [],
};

type Peer = { podSelector?: { matchLabels?: Record<string, string> }; ipBlock?: { cidr: string } };
type Rule = { to?: Peer[]; from?: Peer[]; ports?: { port: number }[] };
const policy = (objects: K8sObject[], name: string) =>
  objects.find((object) => object.kind === "NetworkPolicy" && object.metadata.name === name) as K8sObject;
const podNames = (rules: Rule[], direction: "to" | "from") =>
  rules
    .flatMap((rule) => rule[direction] ?? [])
    .map((peer) => peer.podSelector?.matchLabels?.["app.kubernetes.io/name"])
    .filter((name): name is string => name !== undefined);

describe("ingress", () => {
  // The local cluster has no ingress controller (its apps are NodePorts: local-values.test.ts).
  for (const rendering of renderings.filter((candidate) => !candidate.local)) {
    test(`${rendering.name}: API prefixes go to their services, the rest to the UI, over TLS`, async () => {
      const objects = await objectsOf(rendering);
      const ingress = objects.find((object) => object.kind === "Ingress") as K8sObject;
      const rule = ingress.spec.rules[0];
      const routes = Object.fromEntries(
        rule.http.paths.map((path: { path: string; backend: { service: { name: string } } }) => [
          path.path,
          path.backend.service.name,
        ]),
      );
      expect(routes).toEqual(publicRoutes);
      expect(Object.keys(routes).some((path) => path.startsWith(adminRoutePrefix))).toBe(false);
      expect(ingress.spec.tls[0].hosts).toEqual([rule.host]);
      for (const [path, service] of Object.entries(routes)) {
        const target = objects.find(
          (object) => object.kind === "Service" && object.metadata.name === service,
        ) as K8sObject;
        expect({ path, port: target.spec.ports[0].port }).toEqual({
          path,
          port: appPorts[service] as number,
        });
      }
    });
  }
});

describe("network policies (production values)", () => {
  test("everything is denied by default, DNS excepted", async () => {
    const deny = policy(await objectsOf(renderingNamed("production")), "default-deny");
    expect(deny.spec.podSelector).toEqual({});
    expect(deny.spec.policyTypes).toEqual(["Ingress", "Egress"]);
    expect(deny.spec.ingress).toBeUndefined();
    expect(deny.spec.egress[0].ports.map((port: { port: number }) => port.port)).toEqual([53, 53]);
  });

  for (const [id, stores] of Object.entries(storesOf)) {
    test(`${id} reaches only the stores it owns through its sidecar`, async () => {
      const own = policy(await objectsOf(renderingNamed("production")), id);
      const reached = podNames(own.spec.egress, "to").filter((name) => name !== "web" && !(name in storesOf));
      expect(reached.sort()).toEqual(stores);
    });
  }

  test("with an OTLP collector configured, every app pod may send spans to it, and only then", async () => {
    const shared = (objects: K8sObject[]) => policy(objects, "apps-dapr-control-plane").spec.egress as Rule[];
    const toMonitoring = (rules: Rule[]) =>
      rules.filter((rule) =>
        rule.to?.some(
          (peer) =>
            (peer as { namespaceSelector?: { matchLabels?: Record<string, string> } }).namespaceSelector
              ?.matchLabels?.["kubernetes.io/metadata.name"] === "monitoring",
        ),
      );
    const production = renderingNamed("production");
    const traced: Rendering = {
      ...production,
      name: "production with tracing",
      extraArgs: ["--set", "dapr.tracing.otlpEndpoint=jaeger-collector.monitoring.svc.cluster.local:4318"],
    };
    expect(toMonitoring(shared(await objectsOf(production)))).toEqual([]);
    const rules = toMonitoring(shared(await objectsOf(traced)));
    expect(rules.map((rule) => rule.ports?.map((port) => port.port))).toEqual([[4318]]);
  });

  test("only the data-ingestor may leave the cluster for HTTPS (the FX provider)", async () => {
    const objects = await objectsOf(renderingNamed("production"));
    for (const id of Object.keys(storesOf)) {
      const internet = (policy(objects, id).spec.egress as Rule[]).filter(
        (rule) =>
          rule.to?.some((peer) => peer.ipBlock?.cidr === "0.0.0.0/0") &&
          rule.ports?.length === 1 &&
          rule.ports[0]?.port === 443,
      );
      expect({ id, internet: internet.length }).toEqual({ id, internet: id === APP_IDS.ingestor ? 1 : 0 });
    }
  });

  test("each store admits only the apps that own it (plus its own members)", async () => {
    const objects = await objectsOf(renderingNamed("production"));
    for (const store of ["kafka", "mariadb", "mongodb", "redis"]) {
      const clients = podNames(policy(objects, store).spec.ingress, "from").filter(
        (name) => name in storesOf,
      );
      const owners = Object.keys(storesOf).filter((id) => storesOf[id]?.includes(store));
      expect({ store, clients: clients.sort() }).toEqual({ store, clients: owners.sort() });
    }
  });

  test("the admin API is not reachable from the ingress controller", async () => {
    const ingestor = policy(await objectsOf(renderingNamed("production")), APP_IDS.ingestor);
    const namespaces = (
      ingestor.spec.ingress as { from: { namespaceSelector?: { matchLabels: Record<string, string> } }[] }[]
    )
      .flatMap((rule) => rule.from)
      .map((peer) => peer.namespaceSelector?.matchLabels["kubernetes.io/metadata.name"]);
    expect(namespaces).not.toContain("ingress-nginx");
    expect(namespaces).toContain("monitoring");
  });
});
