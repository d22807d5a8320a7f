import { describe, expect, test } from "bun:test";
import { helmTemplate } from "../../deploy/chart.ts";
import { APP_IDS, COMPONENTS } from "./support/contract.ts";
import type { K8sObject } from "./support/k8s-types.ts";
import { objectsOf, renderingNamed } from "./support/rendered.ts";

/** `dapr.rankingStores`: MongoDB collections in production, Redis where no MongoDB can run (docs/mongodb.md). */
const rankingStores = [COMPONENTS.rankings, COMPONENTS.countryStats, COMPONENTS.dailySelections];

type Peer = { podSelector?: { matchLabels?: Record<string, string> }; ipBlock?: { cidr: string } };
type Rule = { to?: Peer[]; from?: Peer[]; ports?: { port: number }[] };

const named = (objects: K8sObject[], kind: string, name: string) =>
  objects.find((object) => object.kind === kind && object.metadata.name === name);
const component = (objects: K8sObject[], name: string) => named(objects, "Component", name) as K8sObject;
const metadataValue = (object: K8sObject, field: string) =>
  (object.spec.metadata as { name: string; value?: string }[]).find((entry) => entry.name === field)?.value;
/** Everything the chart renders for MongoDB (replica set, its Service, PDB, init Job and their policies). */
const mongodbObjects = (objects: K8sObject[]) =>
  objects.filter(
    (object) => /^mongodb/.test(object.metadata.name) || JSON.stringify(object).includes("27017"),
  );
/** Names of the pods an app's NetworkPolicy lets it reach, with the ports. */
const egressOf = (objects: K8sObject[], id: string) =>
  ((named(objects, "NetworkPolicy", id) as K8sObject).spec.egress as Rule[]).flatMap((rule) =>
    (rule.to ?? []).map((peer) => ({
      to: peer.podSelector?.matchLabels?.["app.kubernetes.io/name"] ?? peer.ipBlock?.cidr ?? "?",
      ports: (rule.ports ?? []).map((port) => port.port),
    })),
  );

describe("ranking stores backend switch (dapr.rankingStores)", () => {
  test("production keeps them on the MongoDB replica set", async () => {
    const objects = await objectsOf(renderingNamed("production"));
    for (const name of rankingStores) expect(component(objects, name).spec.type).toBe("state.mongodb");
    expect(named(objects, "StatefulSet", "mongodb")).toBeDefined();
    expect(named(objects, "Job", "mongodb-init")).toBeDefined();
    expect(egressOf(objects, APP_IDS.ranking).map((rule) => rule.to)).toContain("mongodb");
  });

  test("redis: the three stores are state.redis on the in-chart Redis, keys prefixed by store name", async () => {
    const objects = await objectsOf(renderingNamed("ranking stores on redis"));
    const cacheHost = metadataValue(component(objects, COMPONENTS.cache), "redisHost");
    expect(cacheHost).toBe("redis.trip-service.svc.cluster.local:6379");
    for (const name of rankingStores) {
      const store = component(objects, name);
      expect(store.spec.type).toBe("state.redis");
      expect(metadataValue(store, "redisHost")).toBe(cacheHost as string);
      expect(metadataValue(store, "keyPrefix")).toBe("name");
      expect(store.scopes).toEqual([APP_IDS.ranking]);
    }
  });

  test("redis: MongoDB is not rendered at all when nothing uses it, even with mongodb.enabled", async () => {
    const objects = await objectsOf(renderingNamed("ranking stores on redis"));
    expect(mongodbObjects(objects).map((object) => `${object.kind}/${object.metadata.name}`)).toEqual([]);
    // The same values with MongoDB on render it: the switch, not the values file, removed it.
    expect(mongodbObjects(await objectsOf(renderingNamed("production"))).length).toBeGreaterThan(3);
  });

  test("redis: ranking-service's egress follows (Redis and Kafka, no MongoDB) and Redis admits it", async () => {
    const objects = await objectsOf(renderingNamed("ranking stores on redis"));
    const stores = egressOf(objects, APP_IDS.ranking)
      .map((rule) => rule.to)
      .filter((to) => ["kafka", "mariadb", "mongodb", "redis"].includes(to));
    expect(stores.sort()).toEqual(["kafka", "redis"]);
    const redis = named(objects, "NetworkPolicy", "redis") as K8sObject;
    const clients = (redis.spec.ingress as Rule[]).flatMap((rule) =>
      (rule.from ?? []).map((peer) => peer.podSelector?.matchLabels?.["app.kubernetes.io/name"]),
    );
    expect(clients).toContain(APP_IDS.ranking);
  });

  test("redis with an external Redis: the stores and ranking-service's egress point at it", async () => {
    const objects = await objectsOf(renderingNamed("external redis with the ranking stores"));
    for (const name of rankingStores) {
      expect(metadataValue(component(objects, name), "redisHost")).toBe("redis.example.internal:6379");
    }
    expect(named(objects, "StatefulSet", "redis")).toBeUndefined();
    expect(egressOf(objects, APP_IDS.ranking)).toContainEqual({ to: "0.0.0.0/0", ports: [6379] });
  });

  test("the schema accepts only mongodb or redis", async () => {
    await expect(
      helmTemplate(["values-production.yaml"], ["--set", "dapr.rankingStores=postgres"]),
    ).rejects.toThrow("at '/dapr/rankingStores': value must be one of 'mongodb', 'redis'");
  });
});
