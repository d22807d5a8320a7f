import { describe, expect, test } from "bun:test";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot, toolPaths } from "../../deploy/tool-paths.ts";
import { run } from "./support/run.ts";

/** Finding lines per linted file name in npm-groovy-lint's text output. */
function findingsByFile(output: string): Map<string, string[]> {
  const byFile = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of output.split("\n")) {
    const file = line.match(/^\/\S+\/([^/]+)$/)?.[1];
    if (file !== undefined) {
      current = [];
      byFile.set(file, current);
    } else if (line.startsWith("npm-groovy-lint results")) current = undefined;
    else if (current !== undefined && /^\s+\d+\s+(error|warning|info)\s/.test(line))
      current.push(line.trim());
  }
  return byFile;
}

const jenkinsfile = readFileSync(join(repoRoot, "Jenkinsfile"), "utf8");
const stageNames = [...jenkinsfile.matchAll(/stage\('([^']+)'\)/g)].map((match) => match[1]);

describe("Jenkinsfile", () => {
  test("passes npm-groovy-lint (CodeNarc, Jenkinsfile rules) while a flawed script next to it does not", async () => {
    // Linted in a scratch folder with a control file that must be flagged, proving the rules are active.
    const dir = mkdtempSync(join(tmpdir(), "groovylint-"));
    cpSync(join(repoRoot, "Jenkinsfile"), join(dir, "Jenkinsfile"));
    writeFileSync(
      join(dir, "control.groovy"),
      "void deploy() {\n    String unused = 'x'\n    sh 'true'\n}\n",
    );
    const config = join(repoRoot, "scripts/ci/groovylint.json");
    const { code, output } = await run(
      [
        toolPaths().npmGroovyLint,
        "--noserver",
        "--config",
        config,
        "--output",
        "txt",
        "Jenkinsfile",
        "control.groovy",
      ],
      { cwd: dir },
    );
    const findings = findingsByFile(Bun.stripANSI(output));
    expect(findings.get("control.groovy")?.join("\n")).toMatch(/warning .* UnusedVariable/);
    expect(findings.get("Jenkinsfile")?.filter((line) => !line.includes(" info ")) ?? []).toEqual([]);
    expect(code).not.toBe(0);
  }, 180_000);

  test("runs the stages in the release order", () => {
    expect(stageNames).toEqual([
      "Build and deploy to staging",
      "Install",
      "Lint and typecheck",
      "Unit tests",
      "Test suite",
      "Detect changes",
      "Build and push images",
      "Publish shared package",
      "Commit staging image tags",
      "Deploy staging",
      "Approve production",
      "Deploy production",
    ]);
  });

  test("runs the README's test command and the tested CI scripts", () => {
    for (const command of [
      "bash scripts/test-all.sh",
      "bun scripts/ci/changed-services.ts",
      "bun scripts/ci/shared-release.ts",
      "bash scripts/ci/build-images.sh",
      "bun scripts/ci/set-image-tags.ts --env staging",
      "bash scripts/ci/argocd-deploy.sh trip-service-staging",
      "bun scripts/ci/set-image-tags.ts --env production --copy-from",
      "bash scripts/ci/argocd-deploy.sh trip-service-production",
    ]) {
      expect(jenkinsfile).toContain(command);
    }
    expect(jenkinsfile).toContain("input message:");
  });

  test("binds credentials only through Jenkins credentials, never by value", () => {
    const credentialIds = [...jenkinsfile.matchAll(/credentialsId: '([^']+)'/g)].map((match) => match[1]);
    expect(new Set(credentialIds)).toEqual(
      new Set(["registry-credentials", "npm-publish-token", "git-push-credentials", "argocd-ci-token"]),
    );
    // Secrets reach shells as environment variables, never through Groovy interpolation ("${...}" strings).
    for (const name of ["REGISTRY_PASSWORD", "NPM_TOKEN", "GIT_TOKEN", "ARGOCD_AUTH_TOKEN"]) {
      expect(jenkinsfile).not.toMatch(new RegExp(`"[^"\\n]*\\$\\{(env\\.)?${name}\\}`));
    }
    expect(jenkinsfile).not.toMatch(/(password|token)\s*[:=]\s*'[^'$]+'/i);
  });
});
