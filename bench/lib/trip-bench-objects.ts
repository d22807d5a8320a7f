/**
 * The objects of the benchmark's private namespace `trip-bench` (see deploy/local-cluster/bench/
 * trip-bench.yaml): the static manifest with its two placeholders filled in, and what is copied from the
 * release so the replica runs exactly as the release's ranking-service does — the pod template (image,
 * resources and limits, security contexts, probes, Dapr sidecar annotations), the Dapr Configuration and
 * Resiliency, and the Redis password. Reads the release, never changes it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { kubectlJson, NAMESPACE, secretValue } from "../../tests/cluster/support/cluster.ts";
import { REPO } from "./stack.ts";

export const BENCH_NAMESPACE = "trip-bench";
export const BENCH_NODE_PORT = 30010;
const APP = "ranking-service";
const LABELS = { "app.kubernetes.io/name": APP, "app.kubernetes.io/instance": BENCH_NAMESPACE };
const MANIFEST = join(REPO, "deploy", "local-cluster", "bench", "trip-bench.yaml");

// biome-ignore lint/suspicious/noExplicitAny: Kubernetes objects are copied field by field
type Obj = any;

const randomHex = () => Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("hex");

/**
 * The host of the release's ranking stores. Refuses a release whose ranking stores are not state.redis
 * with `keyPrefix: name` (e.g. production's MongoDB), or whose Redis components already use `privateDb`.
 */
export const releaseRedisHost = (privateDb: number): string => {
  const components = kubectlJson(["-n", NAMESPACE, "get", "components.dapr.io"]).items as Obj[];
  const meta = (c: Obj, name: string) =>
    (c.spec.metadata ?? []).find((m: Obj) => m.name === name)?.value as string | undefined;
  for (const c of components) {
    if (String(c.spec.type).endsWith(".redis") && Number(meta(c, "redisDB") ?? 0) === privateDb) {
      throw new Error(`the release's component ${c.metadata.name} uses Redis database ${privateDb}`);
    }
  }
  const rankings = components.find((c) => c.metadata.name === "rankings");
  if (rankings?.spec.type !== "state.redis" || meta(rankings, "keyPrefix") !== "name") {
    throw new Error(
      "the release's `rankings` store is not state.redis with keyPrefix name (values-local.yaml)",
    );
  }
  const host = meta(rankings, "redisHost");
  if (!host) throw new Error("the release's `rankings` component has no redisHost");
  return host;
};

/** deploy/local-cluster/bench/trip-bench.yaml with its placeholders (`${NAME}`) filled in. */
export const staticManifest = (redisHost: string, redisDb: number): string => {
  const values: Record<string, string> = { REDIS_HOST: redisHost, REDIS_DB: String(redisDb) };
  return readFileSync(MANIFEST, "utf8").replace(/\$\{([A-Z_]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`${MANIFEST}: unknown placeholder ${name}`);
    return value;
  });
};

const secret = (name: string, key: string, value: string): Obj => ({
  apiVersion: "v1",
  kind: "Secret",
  metadata: { name, namespace: BENCH_NAMESPACE },
  type: "Opaque",
  stringData: { [key]: value },
});

/** The release's ranking-service pod template, moved to trip-bench, with the benchmark's environment. */
const deployment = (env: Record<string, string>): Obj => {
  const release = kubectlJson(["-n", NAMESPACE, "get", "deployment", APP]);
  const template = release.spec.template;
  const spec = structuredClone(template.spec);
  spec.serviceAccountName = APP;
  delete spec.serviceAccount;
  for (const constraint of spec.topologySpreadConstraints ?? [])
    constraint.labelSelector = { matchLabels: LABELS };
  const container = spec.containers.find((c: Obj) => c.name === APP);
  if (!container) throw new Error(`the release's ${APP} Deployment has no ${APP} container`);
  // The release's ConfigMap (LOG_LEVEL, CORS origins) stays in its namespace; what the replica needs is set
  // here, as the local benchmark's replica gets it.
  delete container.envFrom;
  container.env = [
    ...(container.env ?? []).filter((e: Obj) => !(e.name in env)),
    ...Object.entries(env).map(([name, value]) => ({ name, value })),
  ];
  const annotations = Object.fromEntries(
    Object.entries(template.metadata.annotations ?? {}).filter(([key]) => key.startsWith("dapr.io/")),
  );
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: APP, namespace: BENCH_NAMESPACE, labels: LABELS },
    spec: {
      replicas: 1,
      selector: { matchLabels: LABELS },
      template: { metadata: { labels: LABELS, annotations }, spec },
    },
  };
};

/** A Dapr object of the release (Configuration, Resiliency), copied into trip-bench. */
const copied = (kind: string, name: string): Obj => {
  const source = kubectlJson(["-n", NAMESPACE, "get", kind, name]);
  return {
    apiVersion: source.apiVersion,
    kind: source.kind,
    metadata: { name, namespace: BENCH_NAMESPACE },
    spec: source.spec,
  };
};

export interface CopiedObjects {
  list: Obj;
  adminToken: string;
  image: string;
}

/** The objects copied from the release, as one List; the benchmark's own tokens and salt are random. */
export const copiedObjects = (env: Record<string, string>): CopiedObjects => {
  const adminToken = randomHex();
  const app = deployment(env);
  const annotations = app.spec.template.metadata.annotations as Record<string, string>;
  const configuration = annotations["dapr.io/config"];
  const items = [
    secret("trip-service-secrets", "redis-password", secretValue("trip-service-secrets", "redis-password")),
    secret(annotations["dapr.io/api-token-secret"] ?? "trip-service-dapr-api-token", "token", randomHex()),
    secret(annotations["dapr.io/app-token-secret"] ?? "trip-service-app-api-token", "token", randomHex()),
    secret("admin-token", "admin-token", adminToken),
    secret("user-hash-salt", "user-hash-salt", randomHex()),
    ...(configuration ? [copied("configurations.dapr.io", configuration)] : []),
    ...(kubectlJson(["-n", NAMESPACE, "get", "resiliencies.dapr.io"]).items as Obj[]).map((r) =>
      copied("resiliencies.dapr.io", r.metadata.name),
    ),
    app,
  ];
  const image = app.spec.template.spec.containers.find((c: Obj) => c.name === APP).image as string;
  return { list: { apiVersion: "v1", kind: "List", items }, adminToken, image };
};
