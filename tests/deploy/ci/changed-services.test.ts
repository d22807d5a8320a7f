import { describe, expect, test } from "bun:test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { appIds } from "../../../scripts/ci/apps.ts";
import { changedApps, changedFilesSince } from "../../../scripts/ci/changed-services.ts";

describe("changedApps", () => {
  test("a change inside a service rebuilds only that service", () => {
    expect(changedApps(["services/ranking/src/domain/ranking.ts"])).toEqual(["ranking-service"]);
  });

  test("the folder name maps to the app id (services/data-ingestor -> data-ingestor, services/currency -> currency-service)", () => {
    expect(changedApps(["services/data-ingestor/README.md", "services/currency/package.json"])).toEqual([
      "currency-service",
      "data-ingestor",
    ]);
  });

  test("the services' shared Dockerfile rebuilds the four services, not the web", () => {
    expect(changedApps(["services/Dockerfile"])).toEqual(appIds.filter((id) => id !== "web"));
  });

  test("a change in packages/shared rebuilds every image", () => {
    expect(changedApps(["packages/shared/src/time/kst.ts"])).toEqual([...appIds]);
  });

  test("the lockfile, root manifests and .dockerignore rebuild every image", () => {
    for (const file of ["bun.lock", "package.json", "bunfig.toml", "tsconfig.base.json", ".dockerignore"]) {
      expect(changedApps([file])).toEqual([...appIds]);
    }
  });

  test("the web UI rebuilds only web", () => {
    expect(changedApps(["web/src/pages/rankings.tsx"])).toEqual(["web"]);
  });

  test("docs, chart, manifests and tests rebuild nothing", () => {
    expect(
      changedApps([
        "docs/deployment.md",
        "helm/trip-service/values.yaml",
        "k8s/ingress.yaml",
        "tests/deploy/x.test.ts",
      ]),
    ).toEqual([]);
  });

  test("a path that only starts like an app folder is not that app", () => {
    expect(
      changedApps(["services/currency-old/notes.md", "webhooks/x.ts", "packages/shared-docs/a.md"]),
    ).toEqual([]);
  });

  test("several services changed: each once, in the canonical order", () => {
    expect(
      changedApps(["web/a.ts", "services/history/a.ts", "services/history/b.ts", "services/currency/a.ts"]),
    ).toEqual(["currency-service", "history-service", "web"]);
  });
});

describe("changedFilesSince", () => {
  async function repoWithTwoCommits(): Promise<{ dir: string; base: string }> {
    const dir = mkdtempSync(join(tmpdir(), "changed-services-"));
    const git = (...args: string[]) =>
      Bun.spawnSync(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: dir });
    git("init", "--quiet");
    await Bun.write(join(dir, "services/ranking/src/a.ts"), "export {};\n");
    await Bun.write(join(dir, "docs/x.md"), "x\n");
    git("add", ".");
    git("commit", "--quiet", "-m", "base");
    const base = git("rev-parse", "HEAD").stdout.toString().trim();
    await Bun.write(join(dir, "services/ranking/src/a.ts"), "export const a = 1;\n");
    git("commit", "--quiet", "-am", "change");
    return { dir, base };
  }

  test("lists the files changed since the base commit", async () => {
    const { dir, base } = await repoWithTwoCommits();
    const files = await changedFilesSince(base, dir);
    expect(files).toEqual(["services/ranking/src/a.ts"]);
    expect(changedApps(files ?? [])).toEqual(["ranking-service"]);
  });

  test("an empty or unknown base is reported as unknown (the caller rebuilds everything)", async () => {
    const { dir } = await repoWithTwoCommits();
    expect(await changedFilesSince("", dir)).toBeNull();
    expect(await changedFilesSince("0123456789abcdef0123456789abcdef01234567", dir)).toBeNull();
  });
});
