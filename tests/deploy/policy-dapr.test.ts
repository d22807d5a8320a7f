import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../../deploy/tool-paths.ts";
import { profileComponents } from "../../scripts/lib/render-resources.ts";
import {
  APP_IDS,
  COMPONENTS,
  CRON_BINDINGS,
  cronSchedules,
  productionComponentTypes,
} from "./support/contract.ts";
import type { K8sObject } from "./support/k8s-types.ts";
import { objectsOf, renderings } from "./support/rendered.ts";

type Field = { name: string; value?: string; secretKeyRef?: { name: string; key: string } };
const fieldsOf = (component: K8sObject) => component.spec.metadata as Field[];
const metadataValue = (component: K8sObject, name: string) =>
  fieldsOf(component).find((field) => field.name === name)?.value;
const components = (objects: K8sObject[]) => objects.filter((object) => object.kind === "Component");
const readYaml = (path: string) => Bun.YAML.parse(readFileSync(join(repoRoot, path), "utf8")) as K8sObject;

/** The local profile's components: same names and scopes as production (docs/conventions.md). */
const localComponents = profileComponents("local").map(({ yaml }) => Bun.YAML.parse(yaml) as K8sObject);
/** The three ranking state stores (`dapr.rankingStores` switches their backend). */
const rankingStores = [COMPONENTS.rankings, COMPONENTS.countryStats, COMPONENTS.dailySelections];

for (const rendering of renderings) {
  describe(`Dapr resources rendered with ${rendering.name} values`, () => {
    test("the components are the conventions' names with their production types", async () => {
      const rendered = components(await objectsOf(rendering));
      const types = Object.fromEntries(
        rendered.map((component) => [component.metadata.name, component.spec.type]),
      );
      expect(types).toEqual(
        rendering.rankingStores === "redis"
          ? {
              ...productionComponentTypes,
              ...Object.fromEntries(rankingStores.map((name) => [name, "state.redis"])),
            }
          : productionComponentTypes,
      );
      const names = [...Object.values(COMPONENTS), ...Object.values(CRON_BINDINGS)].sort();
      expect(Object.keys(types).sort()).toEqual(names);
    });

    test("every component is scoped exactly like the local profile", async () => {
      const rendered = components(await objectsOf(rendering));
      expect(localComponents.length).toBe(rendered.length);
      for (const local of localComponents) {
        const cluster = rendered.find((component) => component.metadata.name === local.metadata.name);
        expect({ name: local.metadata.name, scopes: [...(cluster?.scopes ?? [])].sort() }).toEqual({
          name: local.metadata.name,
          scopes: [...(local.scopes ?? [])].sort(),
        });
      }
    });

    test("each Deployment's app id appears only in the scopes of components it owns", async () => {
      const objects = await objectsOf(rendering);
      const appIdsInScopes = new Set(components(objects).flatMap((component) => component.scopes ?? []));
      const deployed = objects
        .filter((object) => object.kind === "Deployment")
        .map((deployment) => deployment.spec.template.metadata.annotations["dapr.io/app-id"] as string);
      for (const id of appIdsInScopes) expect(deployed).toContain(id);
      expect(appIdsInScopes).toEqual(new Set(Object.values(APP_IDS)));
    });

    test("cron bindings carry the contract's schedules as input bindings", async () => {
      for (const component of components(await objectsOf(rendering))) {
        if (component.spec.type !== "bindings.cron") continue;
        expect(metadataValue(component, "schedule")).toBe(cronSchedules[component.metadata.name] as string);
        expect(metadataValue(component, "direction")).toBe("input");
      }
    });

    if (rendering.rankingStores === "mongodb") {
      test("the cache keeps bare keys; the ranking stores are MongoDB collections of a replica set", async () => {
        const rendered = components(await objectsOf(rendering));
        const byName = (name: string) =>
          rendered.find((component) => component.metadata.name === name) as K8sObject;
        expect(metadataValue(byName(COMPONENTS.cache), "keyPrefix")).toBe("none");
        const collections = {
          rankings: "rankings",
          "country-stats": "country_stats",
          "daily-selections": "daily_selections",
        };
        for (const [name, collection] of Object.entries(collections)) {
          expect(metadataValue(byName(name), "collectionName")).toBe(collection);
          expect(metadataValue(byName(name), "params")).toContain("replicaSet=");
          expect(metadataValue(byName(name), "writeconcern")).toBe("majority");
        }
      });
    } else {
      test("the ranking stores are Redis state stores with the local profile's metadata, on the cache's Redis", async () => {
        const rendered = components(await objectsOf(rendering));
        const byName = (name: string) =>
          rendered.find((component) => component.metadata.name === name) as K8sObject;
        const redisHost = metadataValue(byName(COMPONENTS.cache), "redisHost");
        expect(redisHost).toMatch(/:6379$/);
        for (const name of rankingStores) {
          const local = localComponents.find((component) => component.metadata.name === name) as K8sObject;
          const cluster = byName(name);
          // Same fields as components/local (only the address and the Secret holding the password differ).
          expect(fieldsOf(cluster).map((field) => field.name)).toEqual(
            fieldsOf(local).map((field) => field.name),
          );
          expect(metadataValue(cluster, "keyPrefix")).toBe(metadataValue(local, "keyPrefix") as string);
          expect(metadataValue(cluster, "redisHost")).toBe(redisHost as string);
          expect(fieldsOf(cluster).find((field) => field.name === "redisPassword")?.secretKeyRef?.key).toBe(
            "redis-password",
          );
        }
      });
    }

    test("the Configuration lets apps read only their two secret-store entries", async () => {
      const configuration = (await objectsOf(rendering)).find(
        (object) => object.kind === "Configuration",
      ) as K8sObject;
      expect(configuration.metadata.name).toBe("trip-service");
      expect(configuration.spec.secrets.scopes).toEqual([
        {
          storeName: COMPONENTS.secrets,
          defaultAccess: "deny",
          allowedSecrets: ["admin-token", "user-hash-salt"],
        },
      ]);
      expect(configuration.spec.accessControl.defaultAction).toBe("deny");
    });

    test("service invocation never reaches the ingestor's admin routes", async () => {
      const configuration = (await objectsOf(rendering)).find(
        (object) => object.kind === "Configuration",
      ) as K8sObject;
      const operations = configuration.spec.accessControl.policies.flatMap(
        (policy: { operations: { name: string; action: string }[] }) => policy.operations,
      ) as { name: string; action: string }[];
      const allowed = operations
        .filter((operation) => operation.action === "allow")
        .map((operation) => operation.name);
      expect(allowed).toContain("/api/v1/ingest/status");
      expect(
        allowed.filter((name) => name.startsWith("/api/v1/ingest") && name !== "/api/v1/ingest/status"),
      ).toEqual([]);
    });
  });
}

test("cluster sidecars get the same resiliency policies as local ones (dapr/resiliency.yaml)", async () => {
  const local = readYaml("dapr/resiliency.yaml");
  const production = renderings.find((rendering) => rendering.name === "production");
  const cluster = (await objectsOf(production as (typeof renderings)[number])).find(
    (object) => object.kind === "Resiliency",
  ) as K8sObject;
  expect(cluster.spec).toEqual(local.spec);
});

test("local sidecars run with the cluster's mTLS, secret scopes and access control (dapr/config.yaml)", async () => {
  const local = readYaml("dapr/config.yaml");
  const production = renderings.find((rendering) => rendering.name === "production");
  const cluster = (await objectsOf(production as (typeof renderings)[number])).find(
    (object) => object.kind === "Configuration",
  ) as K8sObject;
  expect(local.spec.mtls.enabled).toBe(true);
  expect(local.spec.secrets).toEqual(cluster.spec.secrets);
  // The policies name the caller's namespace: "default" locally, the release's namespace in a cluster.
  const withoutNamespace = (accessControl: { policies: Array<Record<string, unknown>> }) => ({
    ...accessControl,
    policies: accessControl.policies.map(({ namespace: _namespace, ...policy }) => policy),
  });
  expect(local.spec.accessControl.policies.map((policy: { namespace: string }) => policy.namespace)).toEqual([
    "default",
  ]);
  expect(withoutNamespace(local.spec.accessControl)).toEqual(withoutNamespace(cluster.spec.accessControl));
});
