/**
 * Canary and blue-green releases with automatic rollback (issue 15, item 3), on the trip-service release
 * of the local cluster with Argo Rollouts (scripts/delivery/rollouts.sh) and Prometheus
 * (scripts/delivery/monitoring.sh) installed:
 * - currency-service as a canary (20 % → 50 % → 100 % of its pods, with pauses) and history-service as a
 *   blue-green (preview Service, promotion), both switched on by chart values only;
 * - a good version is promoted to 100 % with zero failed requests under load, its analysis Successful;
 * - a bad version (the test-only faulty build of tests/delivery/fixtures, half of its API answers 500) is
 *   aborted by its analysis and rolled back on its own: as a canary having served no more than its canary
 *   share, as a blue-green never having taken the active Service (only the preview's smoke load saw it);
 * - `helm rollback` takes the release back to the revision before the blue-green release.
 * New versions are the release's images under new tags (`ctr images tag`), except the faulty build.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { toolPaths } from "../../deploy/tool-paths.ts";
import {
  appUrl,
  type Forward,
  isReady,
  kubectl,
  kubectlJson,
  NAMESPACE,
  type Pod,
  podsOf,
  portForward,
  REPO_ROOT,
  waitFor,
} from "../cluster/support/cluster.ts";
import { FAULTY_HEADER } from "./fixtures/faulty-build.ts";
import { run } from "./support/gitops.ts";

const RELEASE = "trip-service";
const RELEASE_NAMESPACE = "default";
const CHART = join(REPO_ROOT, "helm", "trip-service");
const CTRD_SOCK = /^CTRD_SOCK=(\S+)/m.exec(
  readFileSync(join(REPO_ROOT, "scripts/cluster/lib.sh"), "utf8"),
)?.[1] as string;
const REGISTRY = "docker.io/trip-service";
const CANARY_REPLICAS = 4;

const helm = (args: string[]) =>
  run([toolPaths().helm, "--kubeconfig", join(REPO_ROOT, ".run/cluster/kubeconfig"), ...args]);
const ctr = (args: string[]) => run(["ctr", "--address", CTRD_SOCK, "--namespace", "k8s.io", ...args]);
const tagOf = (image: string) => image.slice(image.lastIndexOf(":") + 1);

/**
 * The values the release had before this suite (install.sh's, and whatever the other delivery scripts
 * added, e.g. tracing.sh's collector), minus what this suite sets itself: written once by beforeAll.
 */
const baseValuesFile = join(mkdtempSync(join(tmpdir(), "trip-rollouts-")), "base-values.json");
// biome-ignore lint/suspicious/noExplicitAny: helm's user-supplied values, edited by key
const withoutSuiteValues = (values: any) => {
  delete values.appDefaults?.delivery;
  for (const id of ["currency-service", "history-service"]) {
    for (const key of ["delivery", "image", "replicas", "autoscaling"]) delete values.apps?.[id]?.[key];
  }
  return values;
};

/** The release's values for this suite: the base ones, plus the two apps handed to Argo Rollouts. */
const deliveryValues = (tag: string, tags: { currency?: string; history?: string } = {}) => [
  "--values",
  baseValuesFile,
  "--set-string",
  `image.tag=${tag}`,
  // A short analysis at the pace of a test: Prometheus scrapes every 5 s (scripts/delivery/monitoring.sh).
  "--set-json",
  `appDefaults.delivery.analysis=${JSON.stringify({
    prometheusAddress: "http://prometheus.monitoring.svc:9090",
    window: "30s",
    interval: "10s",
    count: 6,
    failureLimit: 1,
    maxErrorRatio: 0.05,
    maxP95Seconds: 0.5,
  })}`,
  "--set-json",
  `apps.currency-service.delivery.canary.steps=${JSON.stringify([
    { setWeight: 20 },
    { pause: { duration: "40s" } },
    { setWeight: 50 },
    { pause: { duration: "20s" } },
  ])}`,
  "--set",
  "apps.currency-service.delivery.strategy=canary",
  "--set",
  "apps.currency-service.autoscaling.enabled=false",
  "--set",
  `apps.currency-service.replicas=${CANARY_REPLICAS}`,
  "--set",
  "apps.history-service.delivery.strategy=blueGreen",
  "--set",
  "apps.history-service.delivery.blueGreen.scaleDownDelaySeconds=30",
  ...(tags.currency ? ["--set-string", `apps.currency-service.image.tag=${tags.currency}`] : []),
  ...(tags.history ? ["--set-string", `apps.history-service.image.tag=${tags.history}`] : []),
];
const upgrade = (values: string[]) =>
  helm(["upgrade", RELEASE, CHART, "-n", RELEASE_NAMESPACE, ...values, "--timeout", "5m"]);

// biome-ignore lint/suspicious/noExplicitAny: the Rollout's status is read field by field
const rollout = (name: string): any => kubectlJson(["-n", NAMESPACE, "get", "rollout.argoproj.io", name]);
const podsOfApp = (id: string): Pod[] =>
  podsOf(NAMESPACE, `app.kubernetes.io/name=${id}`).filter((pod) => !("deletionTimestamp" in pod.metadata));

/** The Rollout finished on `tag`: Healthy, every pod of the app Ready on that image and no other left. */
const settledOn = (id: string, tag: string) => {
  const status = rollout(id).status ?? {};
  const pods = podsOfApp(id);
  return (
    status.phase === "Healthy" &&
    pods.length > 0 &&
    pods.every((pod) => isReady(pod) && tagOf(pod.spec.containers[0]?.image ?? "") === tag)
  );
};

/** AnalysisRuns of an app's Rollout, newest last. */
const analysisRuns = (id: string): { name: string; phase: string }[] =>
  (
    kubectlJson(["-n", NAMESPACE, "get", "analysisruns.argoproj.io"]).items as {
      metadata: {
        name: string;
        creationTimestamp: string;
        ownerReferences?: { kind: string; name: string }[];
      };
      status?: { phase?: string };
    }[]
  )
    .filter((item) =>
      item.metadata.ownerReferences?.some((owner) => owner.kind === "Rollout" && owner.name === id),
    )
    .sort((a, b) => a.metadata.creationTimestamp.localeCompare(b.metadata.creationTimestamp))
    .map((item) => ({ name: item.metadata.name, phase: item.status?.phase ?? "" }));

type Tally = { requests: number; failures: number; faulty: number; firstFailures: string[] };

/** A steady load on one URL (10 requests/s): every answer counted, and which build gave it. */
const startLoad = (url: string) => {
  const tally: Tally = { requests: 0, failures: 0, faulty: 0, firstFailures: [] };
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      try {
        // A new connection per request, as many clients behind an ingress are: a kept-alive one stays on
        // one pod (kube-proxy balances connections), and a canary pod would never see this load.
        const res = await fetch(url, {
          headers: { connection: "close" },
          signal: AbortSignal.timeout(5_000),
        });
        await res.arrayBuffer();
        tally.requests++;
        if (res.headers.get(FAULTY_HEADER) === "faulty") tally.faulty++;
        if (!res.ok) {
          tally.failures++;
          if (tally.firstFailures.length < 5) tally.firstFailures.push(`HTTP ${res.status}`);
        }
      } catch (error) {
        tally.requests++;
        tally.failures++;
        if (tally.firstFailures.length < 5) tally.firstFailures.push(String(error));
      }
      await Bun.sleep(Math.max(0, 100 - (performance.now() - started)));
    }
  })();
  return {
    tally,
    stop: async () => {
      running = false;
      await loop;
      return tally;
    },
  };
};

let releaseTag = "";
const goodTag = () => `${releaseTag}-rollout`;
const faultyTag = () => `${releaseTag}-faulty`;

beforeAll(async () => {
  // The tag install.sh gave the release (also right when an interrupted run left the Rollouts behind).
  const values = JSON.parse(await helm(["get", "values", RELEASE, "-n", RELEASE_NAMESPACE, "-o", "json"]));
  releaseTag = values.image?.tag ?? "";
  if (releaseTag === "")
    throw new Error("the release has no image.tag: bash deploy/local-cluster/install.sh --tag <tag>");
  writeFileSync(baseValuesFile, JSON.stringify(withoutSuiteValues(values)));
  for (const id of ["currency-service", "history-service"]) {
    await ctr([
      "images",
      "tag",
      "--force",
      `${REGISTRY}/${id}:${releaseTag}`,
      `${REGISTRY}/${id}:${goodTag()}`,
    ]);
  }
  const faulty = await ctr(["images", "ls", "-q"]);
  if (!faulty.split("\n").includes(`${REGISTRY}/currency-service:${faultyTag()}`)) {
    throw new Error(
      `the faulty build is missing: bash scripts/delivery/rollouts.sh faulty-image --tag ${releaseTag}`,
    );
  }
  // Deployment → Rollout: the apps' pods are replaced once, before any load is measured.
  await upgrade(deliveryValues(releaseTag));
  for (const id of ["currency-service", "history-service"]) {
    await waitFor(`${id} released by its Rollout on ${releaseTag}`, () => settledOn(id, releaseTag), {
      timeoutMs: 300_000,
    });
  }
  await waitFor("currency-service answering 200", async () => (await fetch(latestUrl())).ok, {
    timeoutMs: 60_000,
  });
}, 600_000);

afterAll(async () => {
  if (releaseTag === "") return;
  // Back to the values the release had before: Deployments, the release's own tag.
  await upgrade(["--values", baseValuesFile, "--set-string", `image.tag=${releaseTag}`, "--wait"]);
  for (const id of ["currency-service", "history-service"]) {
    await ctr(["images", "rm", `${REGISTRY}/${id}:${goodTag()}`]).catch(() => {});
  }
  rmSync(dirname(baseValuesFile), { recursive: true, force: true });
}, 600_000);

// Not the parameterless /latest: that one is answered from memory ahead of the middleware chain (a hot
// route), where the faulty build's middleware never runs.
const latestUrl = () => `${appUrl("currency-service")}/api/v1/currencies/latest?base=USD`;
const historyUrl = () => `${appUrl("history-service")}/api/v1/history/stats?target=USD&period=1w&base=KRW`;

describe("canary: currency-service", () => {
  test("a good version goes 20 % → 50 % → 100 % with zero failed requests and a Successful analysis", async () => {
    const load = startLoad(latestUrl());
    const shares: number[] = [];
    const started = performance.now();
    try {
      await upgrade(deliveryValues(releaseTag, { currency: goodTag() }));
      await waitFor(
        `currency-service promoted to ${goodTag()}`,
        () => {
          const pods = podsOfApp("currency-service").filter(isReady);
          const fresh = pods.filter((pod) => tagOf(pod.spec.containers[0]?.image ?? "") === goodTag());
          if (pods.length > 0) shares.push(fresh.length / pods.length);
          return settledOn("currency-service", goodTag());
        },
        { timeoutMs: 420_000, intervalMs: 1_000 },
      );
    } finally {
      await load.stop();
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `canary promotion: ${seconds.toFixed(1)} s, ${load.tally.requests} requests, ${load.tally.failures} failed; ` +
        `share of Ready pods on the new version seen: ${[...new Set(shares.map((s) => s.toFixed(2)))].join(" → ")}`,
    );
    expect({ failures: load.tally.failures, first: load.tally.firstFailures }).toEqual({
      failures: 0,
      first: [],
    });
    expect(load.tally.requests).toBeGreaterThan(seconds * 5);
    // It went through the partial steps before 100 %: a canary, not a replacement.
    expect(shares.some((share) => share > 0 && share <= 0.35)).toBe(true);
    expect(shares.at(-1)).toBe(1);
    expect(analysisRuns("currency-service").at(-1)?.phase).toBe("Successful");
  }, 480_000);

  test("a bad version is aborted by its analysis and rolled back, serving no more than its canary share", async () => {
    const runsBefore = analysisRuns("currency-service").length;
    const load = startLoad(latestUrl());
    const started = performance.now();
    try {
      await upgrade(deliveryValues(releaseTag, { currency: faultyTag() }));
      await waitFor(
        "the faulty canary aborted",
        () => {
          const status = rollout("currency-service").status ?? {};
          return status.abort === true && status.phase === "Degraded";
        },
        { timeoutMs: 300_000, intervalMs: 1_000 },
      );
      await waitFor(
        "every pod back on the stable version",
        () => {
          const pods = podsOfApp("currency-service");
          return (
            pods.length === CANARY_REPLICAS &&
            pods.every((pod) => isReady(pod) && tagOf(pod.spec.containers[0]?.image ?? "") === goodTag())
          );
        },
        { timeoutMs: 180_000 },
      );
      await Bun.sleep(3_000);
    } finally {
      await load.stop();
    }
    const seconds = (performance.now() - started) / 1000;
    const share = load.tally.faulty / load.tally.requests;
    console.log(
      `canary abort: ${seconds.toFixed(1)} s, ${load.tally.requests} requests, ${load.tally.faulty} served by the ` +
        `faulty build (${(share * 100).toFixed(1)} %), ${load.tally.failures} failed`,
    );
    const runs = analysisRuns("currency-service");
    expect(runs.length).toBeGreaterThan(runsBefore);
    expect(runs.at(-1)?.phase).toBe("Failed");
    // It did serve (the analysis judged real traffic), and only at its first weight: 1 of 5 pods.
    expect(load.tally.faulty).toBeGreaterThan(0);
    expect(share).toBeLessThanOrEqual(0.3);
    // Nothing of it is left, and the stable version answers.
    expect((await fetch(latestUrl())).status).toBe(200);
    // The release is told the stable tag again, which clears the abort.
    await upgrade(deliveryValues(releaseTag, { currency: goodTag() }));
    await waitFor("the Rollout Healthy on the stable tag", () => settledOn("currency-service", goodTag()), {
      timeoutMs: 180_000,
    });
  }, 600_000);
});

describe("blue-green: history-service", () => {
  test("a good version is previewed, analysed and promoted with zero failed requests", async () => {
    const load = startLoad(historyUrl());
    let previewed = false;
    const started = performance.now();
    try {
      await upgrade(deliveryValues(releaseTag, { currency: goodTag(), history: goodTag() }));
      await waitFor(
        `history-service promoted to ${goodTag()}`,
        () => {
          const status = rollout("history-service").status ?? {};
          // While the new version waits for promotion, the preview Service points at it alone.
          const selector = kubectlJson(["-n", NAMESPACE, "get", "service", "history-service-preview"]).spec
            .selector;
          if (
            status.blueGreen?.previewSelector &&
            status.blueGreen.previewSelector !== status.blueGreen.activeSelector
          ) {
            previewed ||= selector["rollouts-pod-template-hash"] === status.blueGreen.previewSelector;
          }
          return (
            settledOn("history-service", goodTag()) &&
            status.blueGreen?.activeSelector === status.currentPodHash
          );
        },
        { timeoutMs: 420_000, intervalMs: 1_000 },
      );
    } finally {
      await load.stop();
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `blue-green promotion: ${seconds.toFixed(1)} s, ${load.tally.requests} requests, ${load.tally.failures} failed`,
    );
    expect(previewed).toBe(true);
    expect({ failures: load.tally.failures, first: load.tally.firstFailures }).toEqual({
      failures: 0,
      first: [],
    });
    expect(analysisRuns("history-service").some((run) => run.phase === "Successful")).toBe(true);
    const active = kubectlJson(["-n", NAMESPACE, "get", "service", "history-service"]).spec.selector;
    expect(active["rollouts-pod-template-hash"]).toBe(rollout("history-service").status.currentPodHash);
  }, 480_000);
  test("a bad version is stopped by its pre-promotion analysis and never takes the active Service", async () => {
    const runsBefore = analysisRuns("history-service").length;
    const stableHash = rollout("history-service").status.blueGreen.activeSelector as string;
    const active = startLoad(historyUrl());
    let preview: ReturnType<typeof startLoad> | undefined;
    let forward: Forward | undefined;
    const started = performance.now();
    try {
      await upgrade(deliveryValues(releaseTag, { currency: goodTag(), history: faultyTag() }));
      const previewPod = await waitFor(
        "the faulty version Ready behind the preview Service",
        () => {
          const hash = rollout("history-service").status?.blueGreen?.previewSelector;
          if (!hash || hash === stableHash) return false;
          return podsOfApp("history-service").find(
            (pod) => pod.metadata.labels["rollouts-pod-template-hash"] === hash && isReady(pod),
          );
        },
        { timeoutMs: 300_000, intervalMs: 1_000 },
      );
      // The smoke load a pre-promotion check sends to the preview: what the analysis judges.
      forward = await portForward(previewPod.metadata.name, 8003);
      preview = startLoad(`${forward.url}/api/v1/history/stats?target=USD&period=1w&base=KRW`);
      await waitFor(
        "the faulty blue-green aborted",
        () => {
          const status = rollout("history-service").status ?? {};
          return status.abort === true && status.phase === "Degraded";
        },
        { timeoutMs: 300_000, intervalMs: 1_000 },
      );
    } finally {
      await preview?.stop();
      forward?.close();
      await active.stop();
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `blue-green abort: ${seconds.toFixed(1)} s; active: ${active.tally.requests} requests, ` +
        `${active.tally.faulty} by the faulty build, ${active.tally.failures} failed; preview smoke load: ` +
        `${preview?.tally.requests} requests, ${preview?.tally.failures} failed`,
    );
    const runs = analysisRuns("history-service");
    expect(runs.length).toBeGreaterThan(runsBefore);
    expect(runs.at(-1)?.phase).toBe("Failed");
    // The preview did serve the bad version (the analysis judged it) ...
    expect(preview?.tally.faulty).toBeGreaterThan(0);
    // ... and the active Service never did: its users saw the stable version, without a failure.
    const selector = kubectlJson(["-n", NAMESPACE, "get", "service", "history-service"]).spec.selector;
    expect(selector["rollouts-pod-template-hash"]).toBe(stableHash);
    expect({
      faulty: active.tally.faulty,
      failures: active.tally.failures,
      first: active.tally.firstFailures,
    }).toEqual({ faulty: 0, failures: 0, first: [] });
    // The release is told the stable tag again, which clears the abort.
    await upgrade(deliveryValues(releaseTag, { currency: goodTag(), history: goodTag() }));
    await waitFor("the Rollout Healthy on the stable tag", () => settledOn("history-service", goodTag()), {
      timeoutMs: 180_000,
    });
  }, 600_000);
});

describe("helm rollback", () => {
  test("returns the release to the revision before the blue-green release, both apps on its versions", async () => {
    const history = JSON.parse(await helm(["history", RELEASE, "-n", RELEASE_NAMESPACE, "-o", "json"])) as {
      revision: number;
    }[];
    // The newest revision with history-service still on the release tag: the one before blue-green.
    const historyTagAt = async (revision: number) => {
      const values = JSON.parse(
        await helm([
          "get",
          "values",
          RELEASE,
          "-n",
          RELEASE_NAMESPACE,
          "--revision",
          String(revision),
          "-o",
          "json",
        ]),
      );
      return (values.apps?.["history-service"]?.image?.tag as string | undefined) ?? values.image?.tag;
    };
    const revisions = history.map((entry) => entry.revision).sort((a, b) => b - a);
    let target: number | undefined;
    for (const revision of revisions.slice(1)) {
      if ((await historyTagAt(revision)) === releaseTag) {
        target = revision;
        break;
      }
    }
    expect(target).toBeDefined();
    await helm(["rollback", RELEASE, String(target), "-n", RELEASE_NAMESPACE, "--timeout", "5m"]);
    const values = JSON.parse(await helm(["get", "values", RELEASE, "-n", RELEASE_NAMESPACE, "-o", "json"]));
    expect(values.apps["history-service"].image?.tag ?? releaseTag).toBe(releaseTag);
    expect(values.apps["currency-service"].image?.tag).toBe(goodTag());
    await waitFor("history-service back on the release tag", () => settledOn("history-service", releaseTag), {
      timeoutMs: 300_000,
    });
    expect(kubectl(["-n", NAMESPACE, "get", "rollout.argoproj.io", "currency-service"]).code).toBe(0);
  }, 420_000);
});
