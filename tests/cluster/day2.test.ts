/**
 * Day-2 operations on the installed release (issue 14, item 6), each measured and reported:
 * - `helm upgrade` to a new image tag rolls every app while a steady load runs, with zero failed requests;
 * - `helm rollback` to the revision before, again with zero failed requests;
 * - a pod killed outright (no grace) is replaced by its Deployment;
 * - an app whose sidecar cannot load a component never becomes Ready, and nothing else is disturbed.
 * The new tag names the same images under another tag (`ctr images tag`): what is proven is the rollout,
 * which replaces every app pod exactly as a new build would. The release ends on its original images.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { toolPaths } from "../../deploy/tool-paths.ts";
import {
  APP_IDS,
  type AppId,
  appUrl,
  isReady,
  kubectl,
  kubectlJson,
  NAMESPACE,
  type Pod,
  podsOf,
  REPO_ROOT,
  secretValue,
  waitFor,
} from "./support/cluster.ts";
import { type LoadReport, loadTotals, startSteadyLoad } from "./support/steady-load.ts";

const RELEASE = "trip-service";
/** Where deploy/local-cluster/install.sh keeps the release record. */
const RELEASE_NAMESPACE = "default";
const CHART = join(REPO_ROOT, "helm", "trip-service");
const CTRD_SOCK = /^CTRD_SOCK=(\S+)/m.exec(
  readFileSync(join(REPO_ROOT, "scripts/cluster/lib.sh"), "utf8"),
)?.[1] as string;
const REQUESTS_PER_SECOND = 5;

const run = async (argv: string[]): Promise<string> => {
  const proc = Bun.spawn(argv, { stdin: "ignore", stdout: "pipe", stderr: "pipe" });
  const [out, err, code] = await Promise.all([
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
    proc.exited,
  ]);
  if (code !== 0) throw new Error(`${argv.slice(0, 3).join(" ")} … failed (${code}): ${err.trim()}`);
  return out;
};
const helm = (args: string[]) =>
  run([toolPaths().helm, "--kubeconfig", join(REPO_ROOT, ".run/cluster/kubeconfig"), ...args]);
const ctr = (args: string[]) => run(["ctr", "--address", CTRD_SOCK, "--namespace", "k8s.io", ...args]);

const appPods = (): Pod[] => podsOf(NAMESPACE, "trip-service/tier=app");
const tagOf = (image: string) => image.slice(image.lastIndexOf(":") + 1);
const appImage = (pod: Pod) => pod.spec.containers.find((c) => c.name !== "daprd")?.image as string;

/** Every app's Deployment runs `tag` on one Ready pod per replica and no pod of another tag is left. */
const rolledTo = (tag: string) => {
  const pods = appPods();
  return APP_IDS.every((id) => {
    const own = pods.filter((pod) => pod.metadata.labels["app.kubernetes.io/name"] === id);
    return own.length > 0 && own.every((pod) => tagOf(appImage(pod)) === tag && isReady(pod));
  });
};

/** The release's image tag, once every app runs it alone on Ready pods (no rollout under way). */
const settledTag = async (): Promise<string> => {
  const deployment = kubectlJson(["-n", NAMESPACE, "get", "deployment", "currency-service"]);
  const tag = tagOf(deployment.spec.template.spec.containers[0].image);
  await waitFor(`every app settled on ${tag}`, () => rolledTo(tag), { timeoutMs: 180_000 });
  return tag;
};

/** The load: through the web gateway (web → its sidecar → currency-service's) and every app's own port. */
const loadTargets = () => {
  const url = Object.fromEntries(APP_IDS.map((id) => [id, appUrl(id)])) as Record<AppId, string>;
  return [
    { name: "web page", url: `${url.web}/` },
    { name: "web → currency", url: `${url.web}/api/v1/currencies/latest` },
    { name: "currency-service", url: `${url["currency-service"]}/api/v1/currencies/latest` },
    { name: "ranking-service", url: `${url["ranking-service"]}/api/v1/rankings?period=daily&limit=10` },
    {
      name: "history-service",
      url: `${url["history-service"]}/api/v1/history/stats?target=USD&period=1w&base=KRW`,
    },
    { name: "data-ingestor", url: `${url["data-ingestor"]}/health` },
  ];
};

const report = (step: string, seconds: number, load: LoadReport) => {
  const { requests, failures } = loadTotals(load);
  const perTarget = Object.entries(load.targets)
    .map(
      ([name, t]) => `  ${name.padEnd(18)} ${t.requests} requests, ${t.failures} failed, p99 ${t.p99Ms} ms`,
    )
    .join("\n");
  console.log(`${step}: ${seconds.toFixed(1)} s, ${requests} requests, ${failures} failed\n${perTarget}`);
  for (const [name, t] of Object.entries(load.targets)) {
    if (t.failures > 0) console.log(`  ${name}: ${t.firstFailures.join("; ")}`);
  }
};

/** Runs `operation` under the steady load until every app runs `tag` alone; returns the load's report. */
const underLoad = async (step: string, tag: string, operation: () => Promise<unknown>) => {
  const load = startSteadyLoad(loadTargets(), REQUESTS_PER_SECOND);
  const started = performance.now();
  let result: LoadReport;
  try {
    await Bun.sleep(3000); // the load's own steady state before anything moves
    await operation();
    await waitFor(`every app on ${tag}, the old pods gone`, () => rolledTo(tag), { timeoutMs: 240_000 });
    await Bun.sleep(3000);
  } finally {
    result = await load.stop();
  }
  report(step, (performance.now() - started) / 1000, result);
  return result;
};

const expectNoFailures = (load: LoadReport) => {
  // The operation took a while, and the generator kept its pace throughout (each request counts, failed or not).
  expect(load.seconds).toBeGreaterThanOrEqual(15);
  for (const [name, tally] of Object.entries(load.targets)) {
    expect({ target: name, failures: tally.failures, first: tally.firstFailures }).toEqual({
      target: name,
      failures: 0,
      first: [],
    });
    expect(tally.requests).toBeGreaterThanOrEqual(Math.floor(0.8 * load.seconds * REQUESTS_PER_SECOND));
  }
};

describe("day-2 operations under a steady load", () => {
  let originalTag = "";
  let nextTag = "";
  let revisionBefore = 0;

  const lastRevision = async (): Promise<number> => {
    const history = JSON.parse(await helm(["history", RELEASE, "-n", RELEASE_NAMESPACE, "-o", "json"])) as {
      revision: number;
    }[];
    return Math.max(...history.map((entry) => entry.revision));
  };

  beforeAll(async () => {
    // Every target answers 200 before anything moves: rates stored (an ingestion run, as the 2-minute cron
    // would do) and served.
    const admin = { authorization: `Bearer ${secretValue("admin-token", "admin-token")}` };
    await fetch(`${appUrl("data-ingestor")}/api/v1/ingest/run`, { method: "POST", headers: admin });
    for (const target of loadTargets()) {
      await waitFor(`${target.name} answering 200`, async () => (await fetch(target.url)).ok, {
        timeoutMs: 120_000,
      });
    }
    originalTag = await settledTag();
    nextTag = `${originalTag}-day2`;
    for (const id of APP_IDS) {
      const image = `docker.io/trip-service/${id}:${originalTag}`;
      await ctr(["images", "tag", "--force", image, `docker.io/trip-service/${id}:${nextTag}`]);
    }
    revisionBefore = await lastRevision();
  });

  afterAll(async () => {
    for (const id of APP_IDS) {
      await ctr(["images", "rm", `docker.io/trip-service/${id}:${nextTag}`]).catch(() => {});
    }
  });

  test("helm upgrade to a new image tag rolls every app with zero failed requests", async () => {
    const before = new Set(appPods().map((pod) => pod.metadata.name));
    const load = await underLoad("helm upgrade", nextTag, () =>
      helm([
        "upgrade",
        RELEASE,
        CHART,
        "-n",
        RELEASE_NAMESPACE,
        "--reuse-values",
        "--set",
        `image.tag=${nextTag}`,
        "--wait",
        "--timeout",
        "5m",
      ]),
    );
    expect(await lastRevision()).toBe(revisionBefore + 1);
    // Every app pod was replaced, not restarted in place.
    expect(appPods().filter((pod) => before.has(pod.metadata.name))).toEqual([]);
    expectNoFailures(load);
  }, 420_000);

  test("helm rollback returns to the revision before, again with zero failed requests", async () => {
    const load = await underLoad("helm rollback", originalTag, () =>
      helm([
        "rollback",
        RELEASE,
        String(revisionBefore),
        "-n",
        RELEASE_NAMESPACE,
        "--wait",
        "--timeout",
        "5m",
      ]),
    );
    expect(await lastRevision()).toBe(revisionBefore + 2);
    const status = JSON.parse(await helm(["status", RELEASE, "-n", RELEASE_NAMESPACE, "-o", "json"]));
    expect(status.info.status).toBe("deployed");
    expect(status.config.image?.tag ?? status.config["image.tag"]).toBe(originalTag);
    expectNoFailures(load);
  }, 420_000);

  test("a pod killed outright is replaced by its Deployment", async () => {
    const victim = appPods().find(
      (pod) => pod.metadata.labels["app.kubernetes.io/name"] === "currency-service",
    );
    if (!victim) throw new Error("no currency-service pod");
    const started = performance.now();
    kubectl(["-n", NAMESPACE, "delete", "pod", victim.metadata.name, "--grace-period=0", "--force"]);
    const healed = await waitFor(
      "a new Ready currency-service pod",
      () =>
        appPods().find(
          (pod) =>
            pod.metadata.labels["app.kubernetes.io/name"] === "currency-service" &&
            pod.metadata.name !== victim.metadata.name &&
            isReady(pod),
        ),
      { timeoutMs: 180_000, intervalMs: 1000 },
    );
    console.log(
      `pod killed: ${victim.metadata.name} → ${healed.metadata.name} Ready after ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(healed.status.containerStatuses?.every((c) => c.ready)).toBe(true);
    const deployment = kubectlJson(["-n", NAMESPACE, "get", "deployment", "currency-service"]);
    expect(deployment.status.readyReplicas).toBeGreaterThanOrEqual(1);
    // A pod killed without its drain leaves callers' sidecars dialing its address until their DNS answer
    // expires (up to the 30 s TTL); the web gateway's route to currency-service then answers again.
    const web = `${appUrl("web")}/api/v1/currencies/latest`;
    await waitFor("the web gateway reaching currency-service again", async () => (await fetch(web)).ok, {
      timeoutMs: 90_000,
      intervalMs: 1000,
    });
    console.log(
      `web → currency answering again ${((performance.now() - started) / 1000).toFixed(1)} s after the kill`,
    );
  }, 240_000);
});

describe("a sidecar that cannot load a component", () => {
  const ID = "day2-unloadable";

  afterAll(async () => {
    kubectl(["-n", NAMESPACE, "delete", "deployment", ID, "--ignore-not-found", "--wait=false"]);
    kubectl(["-n", NAMESPACE, "delete", "component.dapr.io", ID, "--ignore-not-found"]);
    // Gone before the next file looks at the namespace's pods.
    await waitFor(`${ID}'s pods gone`, () => podsOf(NAMESPACE, `app.kubernetes.io/name=${ID}`).length === 0, {
      timeoutMs: 120_000,
    });
  }, 150_000);

  test("keeps its app from ever becoming Ready, and leaves the other apps as they were", async () => {
    // A state store scoped to this app alone, on a Redis that does not exist.
    const component = {
      apiVersion: "dapr.io/v1alpha1",
      kind: "Component",
      metadata: { name: ID, namespace: NAMESPACE },
      spec: {
        type: "state.redis",
        version: "v1",
        metadata: [{ name: "redisHost", value: "no-such-redis.invalid:6379" }],
      },
      scopes: [ID],
    };
    // currency-service's own Deployment under another name, app id and labels (no Service selects it).
    const deployment = kubectlJson(["-n", NAMESPACE, "get", "deployment", "currency-service"]);
    const labels = { "app.kubernetes.io/name": ID, "app.kubernetes.io/part-of": "trip-service-tests" };
    const template = deployment.spec.template;
    template.metadata.labels = labels;
    template.metadata.annotations["dapr.io/app-id"] = ID;
    const copy = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: ID, namespace: NAMESPACE, labels },
      spec: { replicas: 1, selector: { matchLabels: labels }, template },
    };
    await settledTag();
    const othersBefore = appPods()
      .filter(isReady)
      .map((pod) => pod.metadata.name)
      .sort();
    kubectl(["apply", "-f", "-"], {
      stdin: JSON.stringify({ apiVersion: "v1", kind: "List", items: [component, copy] }),
    });

    // Long enough for the sidecar to try, fail and be restarted by the kubelet.
    const pod = await waitFor(
      `${ID}'s sidecar restarted after failing`,
      () => {
        const found = podsOf(NAMESPACE, `app.kubernetes.io/name=${ID}`)[0];
        expect(found === undefined || !isReady(found)).toBe(true);
        const daprd = found?.status.containerStatuses?.find((c) => c.name === "daprd");
        return daprd && daprd.restartCount >= 1 ? found : undefined;
      },
      { timeoutMs: 150_000, intervalMs: 1000 },
    );
    const previous = kubectl(["-n", NAMESPACE, "logs", pod.metadata.name, "-c", "daprd", "--previous"], {
      allowFailure: true,
    }).stdout;
    const current = kubectl(["-n", NAMESPACE, "logs", pod.metadata.name, "-c", "daprd"], {
      allowFailure: true,
    }).stdout;
    expect(`${previous}\n${current}`).toContain(ID);
    // Ten more seconds of watching: still never Ready.
    for (let i = 0; i < 10; i++) {
      const now = podsOf(NAMESPACE, `app.kubernetes.io/name=${ID}`);
      expect(now.some(isReady)).toBe(false);
      await Bun.sleep(1000);
    }
    const rollout = kubectlJson(["-n", NAMESPACE, "get", "deployment", ID]);
    expect(rollout.status.readyReplicas ?? 0).toBe(0);
    console.log(
      `unloadable component: ${pod.metadata.name} not Ready, daprd restarted ${pod.status.containerStatuses?.find((c) => c.name === "daprd")?.restartCount} time(s)`,
    );
    // The release's own apps: the same pods, all still Ready.
    expect(
      appPods()
        .filter(isReady)
        .map((p) => p.metadata.name)
        .sort(),
    ).toEqual(othersBefore);
  }, 240_000);
});
