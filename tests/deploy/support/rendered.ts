/**
 * The chart rendered once per test process for each way it is deployed, plus the generated k8s/ and
 * argocd/ files, parsed into objects for the policy tests.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { environments, helmTemplate, parseManifest, valuesFilesOf } from "../../../deploy/chart.ts";
import { repoRoot } from "../../../deploy/tool-paths.ts";
import type { K8sObject } from "./k8s-types.ts";

/**
 * One way the chart is rendered. `rankingStores` is the backend of the three ranking state stores
 * (`dapr.rankingStores`); `local` marks the local cluster's values (values-local.yaml: NodePorts instead
 * of the ingress, one replica per app).
 */
export type Rendering = {
  name: string;
  valuesFiles: string[];
  extraArgs: string[];
  rankingStores: "mongodb" | "redis";
  local: boolean;
};

const setting = (values: string[]) => values.flatMap((value) => ["--set", value]);

/**
 * Every rendering the tests judge: the defaults, each environment, the external-stores switch, the
 * ranking stores on Redis, and the local cluster's values.
 */
export const renderings: Rendering[] = [
  { name: "defaults", valuesFiles: [], extraArgs: [], rankingStores: "mongodb", local: false },
  ...environments.map((environment) => ({
    name: environment,
    valuesFiles: valuesFilesOf(environment),
    extraArgs: [],
    rankingStores: "mongodb" as const,
    local: false,
  })),
  {
    name: "external stores",
    valuesFiles: ["values-production.yaml"],
    extraArgs: setting([
      ...["redis.enabled=false", "mariadb.enabled=false", "mongodb.enabled=false", "kafka.enabled=false"],
      "redis.externalHost=redis.example.internal",
      "mariadb.externalHost=mariadb.example.internal",
      "mongodb.externalHosts={mongo-1.example.internal:27017,mongo-2.example.internal:27017}",
      "kafka.externalBrokers=kafka-1.example.internal:9092",
    ]),
    rankingStores: "mongodb",
    local: false,
  },
  {
    name: "ranking stores on redis",
    valuesFiles: ["values-production.yaml"],
    extraArgs: setting(["dapr.rankingStores=redis"]),
    rankingStores: "redis",
    local: false,
  },
  {
    name: "external redis with the ranking stores",
    valuesFiles: ["values-production.yaml"],
    extraArgs: setting([
      "dapr.rankingStores=redis",
      "redis.enabled=false",
      "redis.externalHost=redis.example.internal",
    ]),
    rankingStores: "redis",
    local: false,
  },
  // The tag install.sh passes (build.sh tags the images with the commit).
  {
    name: "local cluster",
    valuesFiles: ["values-local.yaml"],
    extraArgs: setting(["image.tag=0123abc"]),
    rankingStores: "redis",
    local: true,
  },
];

const cache = new Map<string, Promise<string>>();

/** The manifest text of a rendering (helm runs once per rendering per process). */
export function manifestOf(rendering: Rendering): Promise<string> {
  let manifest = cache.get(rendering.name);
  if (manifest === undefined) {
    manifest = helmTemplate(rendering.valuesFiles, rendering.extraArgs);
    cache.set(rendering.name, manifest);
  }
  return manifest;
}

export async function objectsOf(rendering: Rendering): Promise<K8sObject[]> {
  return parseManifest(await manifestOf(rendering)) as K8sObject[];
}

export function renderingNamed(name: string): Rendering {
  const rendering = renderings.find((candidate) => candidate.name === name);
  if (rendering === undefined) throw new Error(`no rendering ${name}`);
  return rendering;
}

/** YAML files under a repository folder, relative paths, sorted. */
export function yamlFilesIn(folder: string): string[] {
  return readdirSync(join(repoRoot, folder), { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".yaml"))
    .map((name) => join(folder, name))
    .sort();
}

/** Parsed objects of the YAML files under a repository folder (k8s/, argocd/). */
export function objectsInFolder(folder: string): K8sObject[] {
  return yamlFilesIn(folder).flatMap((file) => {
    const parsed = Bun.YAML.parse(readFileSync(join(repoRoot, file), "utf8")) as unknown;
    const documents = Array.isArray(parsed) ? parsed : [parsed];
    return documents.filter((document) => document != null) as K8sObject[];
  });
}
