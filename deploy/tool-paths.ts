/**
 * Where scripts/setup/test-tools.sh put the pinned deployment tools, read from the same version files.
 * @example const { helm } = toolPaths(); await $`${helm} version`;
 */
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";

export const repoRoot = resolve(import.meta.dir, "..");

/** KEY=VALUE lines of a shell env file (comments and blank lines skipped). */
export function parseEnvFile(text: string): Record<string, string> {
  const entries = text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => {
      const at = line.indexOf("=");
      return [line.slice(0, at), line.slice(at + 1).replace(/^"|"$/g, "")] as const;
    });
  return Object.fromEntries(entries);
}

function readVersions(): Record<string, string> {
  const files = ["scripts/setup/versions.env", "tests/deploy/tool-versions.env"];
  return Object.assign({}, ...files.map((file) => parseEnvFile(readFileSync(join(repoRoot, file), "utf8"))));
}

export const versions = readVersions();

function version(key: string): string {
  const value = versions[key];
  if (value === undefined) throw new Error(`${key} is not pinned in the version files`);
  return value;
}

/** The step that builds the tools, named in the error a suite fails with when one is missing. */
export const TEST_TOOLS_STEP = "bash scripts/setup.sh --test-tools";

let toolsChecked = false;

/**
 * Paths of the pinned tools. They are built by setup (`scripts/setup.sh --test-tools`, the first step of
 * scripts/test-all.sh), never from inside a test: a missing tool fails at once, naming that step.
 */
export function toolPaths() {
  const paths = pathsInCache();
  if (!toolsChecked) {
    const required = [
      paths.helm,
      paths.kubeconform,
      paths.promtool,
      paths.npmGroovyLint,
      join(paths.schemas, ".complete"),
    ];
    const missing = required.filter((path) => !existsSync(path));
    if (missing.length > 0) {
      throw new Error(`missing ${missing.join(", ")}: run \`${TEST_TOOLS_STEP}\` first`);
    }
    toolsChecked = true;
  }
  return paths;
}

function pathsInCache() {
  const cache = process.env.TRIP_CACHE ?? join(homedir(), ".cache/trip-service");
  const schemaSet = [
    `k8s-${version("KUBERNETES_VERSION")}`,
    `dapr-${version("DAPR_VERSION")}`,
    `argocd-${version("ARGOCD_VERSION")}`,
    `promop-${version("PROMETHEUS_OPERATOR_VERSION")}`,
  ].join(".");
  return {
    helm: join(cache, "helm", version("HELM_VERSION"), "helm"),
    kubeconform: join(cache, "kubeconform", version("KUBECONFORM_VERSION"), "kubeconform"),
    promtool: join(cache, "promtool", version("PROMETHEUS_MODULE_VERSION"), "promtool"),
    schemas: join(cache, "kube-schemas", schemaSet),
    npmGroovyLint: join(
      cache,
      "npm-groovy-lint",
      version("NPM_GROOVY_LINT_VERSION"),
      "node_modules/.bin/npm-groovy-lint",
    ),
    /** Kubernetes version the chart is rendered and validated for, without the leading v. */
    kubeVersion: version("KUBERNETES_VERSION").replace(/^v/, ""),
  };
}
