/**
 * Renders the Dapr resources a set of sidecars loads: one component profile (components/<profile>) plus
 * dapr/resiliency.yaml, into one folder under .run/. The committed YAML stays the single source; the
 * rendered copy only makes the secret file path absolute (sidecars may run in another directory) and,
 * for tests, swaps scopes and metadata values.
 *
 *   bun scripts/lib/render-resources.ts --profile kafka --out .run/resources
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

export const repoRoot = resolve(import.meta.dir, "../..");

export type Profile = "local" | "kafka";

export interface RenderOptions {
  profile: Profile;
  /** Emptied, then filled with the rendered YAML. */
  outDir: string;
  /** Replaces every component's `scopes:` list (tests run sidecars under their own app ids). */
  scopes?: readonly string[];
  /** Component names to keep; default all. `secretstore` is always kept. */
  only?: readonly string[];
  /** Metadata values to replace, by component name then metadata name (e.g. a faster cron schedule). */
  metadata?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  secretsFile?: string;
}

const componentName = (yaml: string): string => /^metadata:\n {2}name: (\S+)/m.exec(yaml)?.[1] ?? "";

function setMetadata(yaml: string, name: string, value: string): string {
  const field = new RegExp(`(- name: ${name}\\n\\s+value: ).*`);
  if (!field.test(yaml)) throw new Error(`component ${componentName(yaml)} has no metadata field ${name}`);
  return yaml.replace(field, `$1${JSON.stringify(value)}`);
}

function setScopes(yaml: string, scopes: readonly string[]): string {
  const list = scopes.map((scope) => `  - ${scope}\n`).join("");
  return yaml.replace(/^scopes:\n(?: {2}- .*\n?)*/m, `scopes:\n${list}`);
}

/** Returns the names of the rendered files. */
export function renderResources(options: RenderOptions): string[] {
  const sourceDir = join(repoRoot, "components", options.profile);
  const secretsFile = options.secretsFile ?? join(repoRoot, ".run", "secrets.json");
  rmSync(options.outDir, { recursive: true, force: true });
  mkdirSync(options.outDir, { recursive: true });
  const written: string[] = [];
  for (const file of readdirSync(sourceDir).filter((name) => name.endsWith(".yaml"))) {
    let yaml = readFileSync(join(sourceDir, file), "utf8");
    const name = componentName(yaml);
    if (options.only && name !== "secretstore" && !options.only.includes(name)) continue;
    if (name === "secretstore") yaml = setMetadata(yaml, "secretsFile", secretsFile);
    for (const [field, value] of Object.entries(options.metadata?.[name] ?? {})) {
      yaml = setMetadata(yaml, field, value);
    }
    if (options.scopes) yaml = setScopes(yaml, options.scopes);
    writeFileSync(join(options.outDir, file), yaml);
    written.push(file);
  }
  writeFileSync(
    join(options.outDir, "resiliency.yaml"),
    readFileSync(join(repoRoot, "dapr", "resiliency.yaml"), "utf8"),
  );
  return [...written, "resiliency.yaml"];
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: { profile: { type: "string", default: "local" }, out: { type: "string" } },
  });
  if (values.profile !== "local" && values.profile !== "kafka") {
    throw new Error(`unknown profile ${values.profile}: local | kafka`);
  }
  const outDir = resolve(values.out ?? join(repoRoot, ".run", "resources"));
  const files = renderResources({ profile: values.profile, outDir });
  console.log(`rendered ${files.length} resources (${values.profile}) into ${outDir}`);
}
