/**
 * GitOps for real (issue 15, items 1 and 2): Argo CD, built here from its module and installed by
 * scripts/delivery/argocd.sh, syncs argocd/application-staging.yaml from a git server on this machine.
 * - the staging application is Synced and Healthy at the git server's main;
 * - its first install applied the chart wave by wave (configuration, stores, Kafka, apps, web), each wave
 *   only once the one before was healthy, and no app container restarted waiting for a store;
 * - self-heal puts back a Deployment deleted by hand; prune removes an object deleted from git;
 * - the pipeline's own scripts (commit-gitops.sh + set-image-tags.ts, then argocd-deploy.sh with the
 *   project's `ci` token) roll a new image tag out and wait for Healthy at that revision;
 * - an Argo CD history rollback (`argocd app rollback`, with automated sync off as production runs it)
 *   takes the application back to the revision deployed before, and automated sync back on returns it to main.
 * Every change is a commit on the local git server and is put back by another; this tree is untouched.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isReady, kubectl, kubectlJson, type Pod, REPO_ROOT, waitFor } from "../cluster/support/cluster.ts";
import {
  APPLICATION,
  ARGOCD_NAMESPACE,
  application,
  gitopsEnv,
  mainRevision,
  run,
  ScratchClone,
  STAGING_NAMESPACE,
  waitSyncedHealthy,
} from "./support/gitops.ts";

const CTRD_SOCK = /^CTRD_SOCK=(\S+)/m.exec(
  readFileSync(join(REPO_ROOT, "scripts/cluster/lib.sh"), "utf8"),
)?.[1] as string;
const WAVE = "argocd.argoproj.io/sync-wave";

let env: Record<string, string>;
let clone: ScratchClone;
/** The argocd CLI built by scripts/delivery/build.sh: `argocd.sh env` puts its directory first on PATH. */
const argocdCli = () => join((env.PATH ?? "").split(":")[0] as string, "argocd");

beforeAll(async () => {
  env = await gitopsEnv();
  clone = await ScratchClone.create(env.TRIP_GITOPS_REPO as string);
});
afterAll(() => clone?.remove());

describe("the staging application", () => {
  test("is Synced and Healthy at the git server's main", async () => {
    const main = await mainRevision(env.TRIP_GITOPS_REPO as string);
    const status = await waitSyncedHealthy(main, 300_000);
    expect(status.sync.revision).toBe(main);
    expect(application().spec.source.repoURL).toBe(env.TRIP_GITOPS_REPO);
  }, 320_000);
});

type Meta = {
  kind: string;
  metadata: {
    name: string;
    creationTimestamp: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
};

describe("the first install, wave by wave", () => {
  const record = join(REPO_ROOT, ".run/delivery/first-sync.json");
  const objects = (): (Meta & Partial<Pod>)[] => JSON.parse(readFileSync(record, "utf8")).items;
  const createdAt = (object: Meta) => Date.parse(object.metadata.creationTimestamp);

  test("argocd.sh recorded it", () => {
    expect(existsSync(record)).toBe(true);
  });

  test("every wave was created after the one before it, in the staged order", () => {
    const byWave = new Map<number, Meta[]>();
    // What the chart rendered (the namespace also holds Kubernetes' own ConfigMap and ServiceAccount).
    const rendered = objects().filter(
      (o) => o.kind !== "Pod" && o.metadata.labels?.["app.kubernetes.io/part-of"] === "trip-service",
    );
    expect(rendered.length).toBeGreaterThan(30);
    for (const object of rendered) {
      const wave = Number(object.metadata.annotations?.[WAVE]);
      expect(Number.isInteger(wave), `${object.kind}/${object.metadata.name} has a sync wave`).toBe(true);
      byWave.set(wave, [...(byWave.get(wave) ?? []), object]);
    }
    const waves = [...byWave.keys()].sort((a, b) => a - b);
    const names = (wave: number) => (byWave.get(wave) ?? []).map((o) => `${o.kind}/${o.metadata.name}`);
    // configuration, stores, Kafka, the four services, the web UI (no ingress on this machine)
    expect(waves).toEqual([-1, 0, 1, 2, 3]);
    expect(names(0)).toContain("StatefulSet/redis");
    expect(names(0)).toContain("StatefulSet/mariadb");
    expect(names(1)).toContain("StatefulSet/kafka");
    expect(names(2)).toContain("Deployment/currency-service");
    expect(names(3)).toContain("Deployment/web");
    for (let i = 1; i < waves.length; i++) {
      const before = byWave.get(waves[i - 1] as number) as Meta[];
      const after = byWave.get(waves[i] as number) as Meta[];
      const lastBefore = Math.max(...before.map(createdAt));
      const firstAfter = Math.min(...after.map(createdAt));
      expect(
        firstAfter,
        `wave ${waves[i]} starts after wave ${waves[i - 1]} was applied`,
      ).toBeGreaterThanOrEqual(lastBefore);
    }
  });

  test("the apps started only once their stores and Kafka were Ready, and never restarted", () => {
    const pods = objects().filter((o) => o.kind === "Pod") as unknown as (Pod & Meta)[];
    const readyAt = (pod: Pod) =>
      Date.parse(
        (pod.status.conditions as { type: string; lastTransitionTime?: string }[]).find(
          (c) => c.type === "Ready",
        )?.lastTransitionTime ?? "",
      );
    const tier = (pod: Pod, name: string) => pod.metadata.labels["trip-service/tier"] === name;
    const stores = pods.filter((pod) => tier(pod, "store") || pod.metadata.name.startsWith("kafka-"));
    const apps = pods.filter((pod) => tier(pod, "app"));
    expect(stores.map((pod) => pod.metadata.name).sort()).toEqual(["kafka-0", "mariadb-0", "redis-0"]);
    expect(apps.length).toBe(5);
    const storesReady = Math.max(...stores.map(readyAt));
    for (const pod of apps) {
      expect(
        createdAt(pod),
        `${pod.metadata.name} created after the stores were Ready`,
      ).toBeGreaterThanOrEqual(storesReady);
      for (const container of pod.status.containerStatuses ?? []) {
        expect(container.restartCount, `${pod.metadata.name}/${container.name} restarts`).toBe(0);
      }
    }
  });
});

describe("drift", () => {
  test("self-heal puts back a Deployment deleted by hand", async () => {
    const before = kubectlJson(["-n", STAGING_NAMESPACE, "get", "deployment", "history-service"]);
    kubectl(["-n", STAGING_NAMESPACE, "delete", "deployment", "history-service", "--wait=true"]);
    const started = performance.now();
    const back = await waitFor(
      "history-service recreated by Argo CD and Ready",
      () => {
        const found = kubectl(
          ["-n", STAGING_NAMESPACE, "get", "deployment", "history-service", "-o", "json"],
          {
            allowFailure: true,
          },
        );
        if (found.code !== 0) return false;
        const deployment = JSON.parse(found.stdout);
        return (
          deployment.metadata.uid !== before.metadata.uid &&
          deployment.status.readyReplicas >= 1 &&
          deployment
        );
      },
      { timeoutMs: 180_000 },
    );
    console.log(
      `self-heal: history-service back and Ready after ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(back.spec.template.spec.containers[0].image).toBe(before.spec.template.spec.containers[0].image);
    await waitSyncedHealthy(undefined, 180_000);
  }, 420_000);

  test("prune removes an object deleted from git, and a revert brings it back", async () => {
    const dashboard = ["-n", STAGING_NAMESPACE, "get", "configmap", "trip-service-dashboard"];
    expect(kubectl(dashboard, { allowFailure: true }).code).toBe(0);
    const values = "helm/trip-service/values-staging.yaml";
    const original = clone.read(values);
    expect(original).not.toContain("grafanaDashboard");
    const removed = await clone.commitFile(
      values,
      `${original}\n# test: the dashboard leaves git\nmonitoring:\n  grafanaDashboard:\n    enabled: false\n`,
      "test: drop the Grafana dashboard from staging",
    );
    try {
      await waitSyncedHealthy(removed, 180_000);
      await waitFor(
        "the dashboard ConfigMap pruned",
        () => kubectl(dashboard, { allowFailure: true }).code !== 0,
        {
          timeoutMs: 60_000,
        },
      );
    } finally {
      const restored = await clone.commitFile(
        values,
        original,
        "test: the Grafana dashboard back in staging",
      );
      await waitSyncedHealthy(restored, 180_000);
    }
    await waitFor(
      "the dashboard ConfigMap back",
      () => kubectl(dashboard, { allowFailure: true }).code === 0,
      {
        timeoutMs: 60_000,
      },
    );
  }, 480_000);
});

describe("the pipeline's scripts against Argo CD", () => {
  const ctr = (args: string[]) => run(["ctr", "--address", CTRD_SOCK, "--namespace", "k8s.io", ...args]);
  const imageOf = () =>
    kubectlJson(["-n", STAGING_NAMESPACE, "get", "deployment", "currency-service"]).spec.template.spec
      .containers[0].image as string;
  /** commit-gitops.sh with set-image-tags.ts, then argocd-deploy.sh, as the Jenkinsfile runs them. */
  const deploy = async (tag: string) => {
    const ci = { ...env, GIT_USERNAME: "ci", GIT_TOKEN: "unused-by-git-daemon" };
    await clone.git(["fetch", "--quiet", "origin", "main"]);
    await clone.git(["checkout", "--quiet", "-B", "main", "origin/main"]);
    await run(
      [
        "bash",
        "scripts/ci/commit-gitops.sh",
        `Deploy currency-service ${tag} to staging`,
        "bun",
        "scripts/ci/set-image-tags.ts",
        "--env",
        "staging",
        "--tag",
        tag,
        "currency-service",
      ],
      { cwd: clone.dir, env: ci },
    );
    const revision = clone.read(".gitops-revision").trim();
    const out = await run(["bash", "scripts/ci/argocd-deploy.sh", APPLICATION, revision, "300"], {
      cwd: clone.dir,
      env: ci,
    });
    return { revision, out };
  };

  test("a new image tag committed to image-tags/staging.yaml is rolled out and waited for", async () => {
    const image = imageOf();
    const tag = image.slice(image.lastIndexOf(":") + 1);
    const repository = image.slice(0, image.lastIndexOf(":"));
    const next = `${tag}-gitops`;
    // The same image under a new tag: what is proven is the GitOps loop, not a new build.
    await ctr(["images", "tag", "--force", image, `${repository}:${next}`]);
    try {
      const started = performance.now();
      const { revision, out } = await deploy(next);
      console.log(`pipeline deploy of ${next}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
      expect(out).toContain(`is synced and healthy at ${revision}`);
      expect(imageOf()).toBe(`${repository}:${next}`);
      const pods = kubectlJson([
        "-n",
        STAGING_NAMESPACE,
        "get",
        "pods",
        "-l",
        "app.kubernetes.io/name=currency-service",
      ]).items as Pod[];
      const running = pods.filter((pod) => !("deletionTimestamp" in pod.metadata));
      expect(running.length).toBeGreaterThan(0);
      for (const pod of running) {
        expect(isReady(pod)).toBe(true);
        expect(pod.spec.containers[0]?.image).toBe(`${repository}:${next}`);
      }
      expect(application().status.sync.revision).toBe(revision);
    } finally {
      const { out } = await deploy(tag);
      expect(out).toContain("is synced and healthy");
      expect(imageOf()).toBe(image);
      await ctr(["images", "rm", `${repository}:${next}`]);
    }
  }, 900_000);

  test("an Argo CD history rollback returns to the revision before; automated sync back on returns to main", async () => {
    const image = imageOf();
    const tag = image.slice(image.lastIndexOf(":") + 1);
    const repository = image.slice(0, image.lastIndexOf(":"));
    const next = `${tag}-rollback`;
    const automated = application().spec.syncPolicy.automated;
    const before = application().status.sync.revision as string;
    await ctr(["images", "tag", "--force", image, `${repository}:${next}`]);
    const setAutomated = (value: unknown) =>
      kubectl([
        "-n",
        ARGOCD_NAMESPACE,
        "patch",
        "application",
        APPLICATION,
        "--type",
        "merge",
        "-p",
        JSON.stringify({ spec: { syncPolicy: { automated: value } } }),
      ]);
    try {
      await deploy(next);
      expect(imageOf()).toBe(`${repository}:${next}`);
      // The deployment before this one, as Argo CD's own history records it.
      const history = application().status.history as { id: number; revision: string }[];
      const previous = history.filter((entry) => entry.revision === before).at(-1);
      expect(previous).toBeDefined();
      // Rollback is refused while automated sync would undo it at once: production runs without it.
      setAutomated(null);
      await run([argocdCli(), "app", "rollback", APPLICATION, String(previous?.id), "--timeout", "300"], {
        env,
      });
      await waitFor("currency-service back on the image before", () => imageOf() === image, {
        timeoutMs: 120_000,
      });
      const status = await waitFor(
        "the rolled-back application Healthy and OutOfSync with main",
        () => {
          const current = application().status ?? {};
          return current.health?.status === "Healthy" && current.sync?.status === "OutOfSync" && current;
        },
        { timeoutMs: 180_000 },
      );
      expect(status.operationState.syncResult.revision).toBe(before);
      // Automated sync back on: main (the new tag) is applied again.
      setAutomated(automated);
      await waitFor("automated sync back at main", () => imageOf() === `${repository}:${next}`, {
        timeoutMs: 180_000,
      });
    } finally {
      if (application().spec.syncPolicy.automated === undefined) setAutomated(automated);
      const { out } = await deploy(tag);
      expect(out).toContain("is synced and healthy");
      expect(imageOf()).toBe(image);
      await ctr(["images", "rm", `${repository}:${next}`]);
    }
  }, 900_000);
});
