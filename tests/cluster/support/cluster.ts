/**
 * The local cluster as the cluster suite sees it: kubectl with the admin kubeconfig of scripts/cluster,
 * the trip-service release installed by deploy/local-cluster/install.sh, its apps on NodePorts of the node
 * IP, and port-forwards to a pod's sidecar (daprd listens on the pod's loopback only).
 */
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { waitFor as waitForStack } from "../../support/stack.ts";

export const REPO_ROOT = join(import.meta.dir, "..", "..", "..");
export const NAMESPACE = "trip-service";
export const DAPR_NAMESPACE = "dapr-system";
export const APP_IDS = [
  "currency-service",
  "ranking-service",
  "history-service",
  "data-ingestor",
  "web",
] as const;
export type AppId = (typeof APP_IDS)[number];

/** `KEY=value` of a shell file, trailing comments dropped. */
const shellValue = (path: string, key: string): string => {
  const line = readFileSync(join(REPO_ROOT, path), "utf8")
    .split("\n")
    .find((candidate) => candidate.startsWith(`${key}=`));
  const value = line
    ?.slice(key.length + 1)
    .replace(/\s+#.*$/, "")
    .trim();
  if (!value) throw new Error(`${key} is not set in ${path}`);
  return value;
};

const cache = process.env.TRIP_CACHE ?? join(homedir(), ".cache/trip-service");
/** The cluster's own kubectl (scripts/cluster builds it) and admin kubeconfig. */
export const KUBECTL = join(
  cache,
  "k8s",
  shellValue("scripts/cluster/versions.env", "K8S_VERSION"),
  "kubectl",
);
export const KUBECONFIG = join(REPO_ROOT, ".run", "cluster", "kubeconfig");

/** Runs kubectl; returns stdout, throws with stderr on a non-zero exit. */
export const kubectl = (
  args: string[],
  options: { stdin?: string; allowFailure?: boolean; kubeconfig?: string } = {},
) => {
  const proc = Bun.spawnSync([KUBECTL, "--kubeconfig", options.kubeconfig ?? KUBECONFIG, ...args], {
    stdin: options.stdin === undefined ? "ignore" : new TextEncoder().encode(options.stdin),
    stdout: "pipe",
    stderr: "pipe",
  });
  const stdout = proc.stdout.toString();
  const stderr = proc.stderr.toString();
  if (proc.exitCode !== 0 && !options.allowFailure) {
    throw new Error(`kubectl ${args.join(" ")} failed (${proc.exitCode}): ${stderr.trim()}`);
  }
  return { code: proc.exitCode ?? -1, stdout, stderr };
};

// biome-ignore lint/suspicious/noExplicitAny: Kubernetes objects are read field by field in the tests
export const kubectlJson = (args: string[]): any => JSON.parse(kubectl([...args, "-o", "json"]).stdout);

/** A pod as the tests read it. */
export type Pod = {
  metadata: { name: string; labels: Record<string, string>; annotations?: Record<string, string> };
  spec: {
    containers: {
      name: string;
      image: string;
      securityContext?: {
        capabilities?: { drop?: string[] };
        runAsNonRoot?: boolean;
        allowPrivilegeEscalation?: boolean;
      };
    }[];
  };
  status: {
    phase: string;
    conditions?: { type: string; status: string }[];
    containerStatuses?: { name: string; ready: boolean; restartCount: number }[];
  };
};

export const podsOf = (namespace: string, selector?: string): Pod[] =>
  kubectlJson(["-n", namespace, "get", "pods", ...(selector ? ["-l", selector] : [])]).items as Pod[];

export const isReady = (pod: Pod) =>
  pod.status.conditions?.some((condition) => condition.type === "Ready" && condition.status === "True") ??
  false;

/** The running, Ready pod of an app (the first, when the HPA made more). */
export const appPod = (id: AppId): Pod => {
  const pod = podsOf(NAMESPACE, `app.kubernetes.io/name=${id}`).find(
    (candidate) => candidate.status.phase === "Running" && isReady(candidate),
  );
  if (pod === undefined) throw new Error(`no Ready pod of ${id}`);
  return pod;
};

/** A key of a Secret in the release's namespace, decoded. */
export const secretValue = (name: string, key: string): string => {
  const data = kubectlJson(["-n", NAMESPACE, "get", "secret", name]).data as Record<string, string>;
  const value = data[key];
  if (value === undefined) throw new Error(`Secret ${name} has no key ${key}`);
  return Buffer.from(value, "base64").toString("utf8");
};

/** The node IP: where the apps' NodePorts and the host's FX sandbox listen. */
export const nodeIp = (): string =>
  kubectl([
    "get",
    "nodes",
    "-o",
    'jsonpath={.items[0].status.addresses[?(@.type=="InternalIP")].address}',
  ]).stdout.trim();

/** http://<node IP>:<NodePort> of an app's Service. */
export const appUrl = (id: AppId): string => {
  const service = kubectlJson(["-n", NAMESPACE, "get", "service", id]);
  const nodePort = service.spec.ports[0].nodePort as number | undefined;
  if (service.spec.type !== "NodePort" || nodePort === undefined) throw new Error(`${id} is not a NodePort`);
  return `http://${nodeIp()}:${nodePort}`;
};

/** The FX sandbox instance the in-cluster ingestor calls (values-local.yaml: dapr.fxProvider.url). */
export const fxSandboxUrl = (): string => `http://${nodeIp()}:8091`;

/** A `kubectl port-forward` to a pod's port on 127.0.0.1 (an ephemeral local port); close() ends it. */
export type Forward = { url: string; close: () => void };
export const portForward = async (
  pod: string,
  remotePort: number,
  namespace = NAMESPACE,
): Promise<Forward> => {
  const proc = Bun.spawn(
    [KUBECTL, "--kubeconfig", KUBECONFIG, "-n", namespace, "port-forward", `pod/${pod}`, `:${remotePort}`],
    { stdout: "pipe", stderr: "pipe" },
  );
  const reader = proc.stdout.getReader();
  const deadline = Date.now() + 20_000;
  let seen = "";
  while (Date.now() < deadline) {
    const chunk = await Promise.race([reader.read(), Bun.sleep(deadline - Date.now()).then(() => null)]);
    if (chunk === null || chunk.done) break;
    seen += new TextDecoder().decode(chunk.value);
    const port = seen.match(/Forwarding from 127\.0\.0\.1:(\d+)/)?.[1];
    if (port !== undefined) {
      // Keep draining stdout so kubectl never blocks on a full pipe ("Handling connection for ...").
      void (async () => {
        while (!(await reader.read()).done) {}
      })().catch(() => {});
      return { url: `http://127.0.0.1:${port}`, close: () => proc.kill() };
    }
  }
  proc.kill();
  throw new Error(`port-forward to ${namespace}/${pod}:${remotePort} did not start: ${seen}`);
};

/** The sidecar's HTTP API port inside every app pod (daprd listens on the pod's loopback). */
export const DAPR_HTTP_PORT = 3500;

/** Runs SQL in the MariaDB pod with the app user's password (the pod's own environment). */
export const mariadbQuery = (sql: string): string[][] => {
  const { stdout } = kubectl([
    "-n",
    NAMESPACE,
    "exec",
    "mariadb-0",
    "-c",
    "mariadb",
    "--",
    "sh",
    "-c",
    'exec mariadb -u "$MARIADB_USER" -p"$MARIADB_PASSWORD" -N -B "$MARIADB_DATABASE" -e "$0"',
    sql,
  ]);
  const out = stdout.trim();
  return out === "" ? [] : out.split("\n").map((line) => line.split("\t"));
};

/**
 * Runs one of Kafka's command-line tools in the first broker's pod, with a small heap of its own: the pod's
 * KAFKA_HEAP_OPTS is the broker's, and the tool shares the container's memory limit with it.
 */
export const kafkaTool = (tool: string, args: string[]): string =>
  kubectl([
    "-n",
    NAMESPACE,
    "exec",
    "kafka-0",
    "-c",
    "kafka",
    "--",
    "env",
    "KAFKA_HEAP_OPTS=-Xms32m -Xmx192m",
    tool,
    "--bootstrap-server",
    "localhost:9092",
    ...args,
  ]).stdout;

/** tests/support/stack.ts's `waitFor` at the cluster's pace: a probe every 2 s, the deadline always given. */
export const waitFor = <T>(
  what: string,
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  { timeoutMs, intervalMs = 2_000 }: { timeoutMs: number; intervalMs?: number },
): Promise<T> => waitForStack(what, async () => probe(), { timeoutMs, intervalMs });

/** Fetch + JSON body (text when not JSON), keeping the status. */
// biome-ignore lint/suspicious/noExplicitAny: tests assert bodies field by field
export const getJson = async (url: string, init?: RequestInit): Promise<{ status: number; body: any }> => {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) };
  } catch {
    return { status: res.status, body: text };
  }
};
