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

/** The text of one stage: from its `stage('name')` to the next stage's (or the end). */
function stageBody(name: string): string {
  const start = jenkinsfile.indexOf(`stage('${name}')`);
  if (start < 0) throw new Error(`no stage '${name}' in the Jenkinsfile`);
  const next = jenkinsfile.indexOf("stage('", start + 1);
  return jenkinsfile.slice(start, next < 0 ? undefined : next);
}

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
      "Scan images",
      "Publish shared package",
      "Commit staging image tags",
      "Deploy staging",
      "Approve production",
      "Deploy production",
    ]);
  });

  test("scans every built image after the build and before any deployment, failing on high or critical", () => {
    const at = (name: string) => stageNames.indexOf(name);
    expect(at("Scan images")).toBeGreaterThan(at("Build and push images"));
    // Committing the staging tags is what deploys (Argo CD syncs them), so the scan gates that too.
    for (const later of ["Commit staging image tags", "Deploy staging", "Deploy production"]) {
      expect(at("Scan images")).toBeLessThan(at(later));
    }
    const scan = stageBody("Scan images");
    // Only where the scanner database can be downloaded, and only when images were built.
    expect(scan).toMatch(/when \{[\s\S]*env\.CHANGED_APPS[\s\S]*params\.SCAN_IMAGES[\s\S]*\}/);
    expect(jenkinsfile).toMatch(/booleanParam\(name: 'SCAN_IMAGES', defaultValue: true,/);
    // Each image gets an SBOM (kept as a build artifact) and the policy is applied to it.
    expect(scan).toContain("for app in $CHANGED_APPS; do");
    expect(scan).toContain('"$SYFT_IMAGE"');
    expect(scan).toMatch(/"\$GRYPE_IMAGE" \\\s+"sbom:\/sbom\/\$app\.cdx\.json" --only-fixed --fail-on high/);
    expect(scan).toContain("archiveArtifacts artifacts: 'sbom/*.cdx.json'");
    expect(scan).toContain("exit 1");
    // Both scanners are pinned to a version (never :latest), where renovate.json finds them.
    expect(jenkinsfile).toMatch(/SYFT_IMAGE = 'docker\.io\/anchore\/syft:v\d+\.\d+\.\d+'/);
    expect(jenkinsfile).toMatch(/GRYPE_IMAGE = 'docker\.io\/anchore\/grype:v\d+\.\d+\.\d+'/);
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
