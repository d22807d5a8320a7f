/**
 * Renders the Dapr resources a set of sidecars loads: one component profile plus dapr/resiliency.yaml,
 * into one folder under .run/. A profile is components/base (what every profile shares) plus its overlay
 * components/<profile> (only what differs, e.g. pubsub.yaml); a file name in both is an error, so each
 * component is written once. The committed YAML stays the single source; the rendered copy only makes the
 * secret file path absolute (sidecars may run in another directory) and, for tests, swaps scopes and
 * metadata values.
 *
 *   bun scripts/lib/render-resources.ts --profile kafka --out .run/resources
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

export const repoRoot = resolve(import.meta.dir, "../..");

export const PROFILES = ["local", "kafka"] as const;
export type Profile = (typeof PROFILES)[number];

/** One component file of a profile, as committed. */
export interface ProfileComponent {
  /** e.g. `pubsub.yaml`: the file name, which is also the rendered one */
  file: string;
  /** e.g. `components/kafka/pubsub.yaml` */
  path: string;
  yaml: string;
}

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

const yamlFilesOf = (dir: string): string[] =>
  readdirSync(dir)
    .filter((name) => name.endsWith(".yaml"))
    .sort();

/**
 * The components of `profile`: components/base plus the profile's overlay, sorted by file name.
 * `root` is the clone (a test may point it at a scratch tree).
 * @example profileComponents("kafka").find((c) => c.file === "pubsub.yaml")?.path // "components/kafka/pubsub.yaml"
 */
export function profileComponents(profile: Profile, root = repoRoot): ProfileComponent[] {
  const overlay = yamlFilesOf(join(root, "components", profile));
  const base = yamlFilesOf(join(root, "components", "base"));
  const shadowed = overlay.filter((file) => base.includes(file));
  if (shadowed.length > 0) {
    throw new Error(`components/${profile} repeats components/base's ${shadowed.join(", ")}: keep one`);
  }
  return [
    ...base.map((file) => ({ file, path: `components/base/${file}` })),
    ...overlay.map((file) => ({ file, path: `components/${profile}/${file}` })),
  ]
    .sort((a, b) => (a.file < b.file ? -1 : 1))
    .map(({ file, path }) => ({ file, path, yaml: readFileSync(join(root, path), "utf8") }));
}

/** Returns the names of the rendered files. */
export function renderResources(options: RenderOptions): string[] {
  const secretsFile = options.secretsFile ?? join(repoRoot, ".run", "secrets.json");
  rmSync(options.outDir, { recursive: true, force: true });
  mkdirSync(options.outDir, { recursive: true });
  const written: string[] = [];
  for (const { file, yaml: committed } of profileComponents(options.profile)) {
    let yaml = committed;
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
  const profile = PROFILES.find((known) => known === values.profile);
  if (!profile) throw new Error(`unknown profile ${values.profile}: ${PROFILES.join(" | ")}`);
  const outDir = resolve(values.out ?? join(repoRoot, ".run", "resources"));
  const files = renderResources({ profile, outDir });
  console.log(`rendered ${files.length} resources (${profile}) into ${outDir}`);
}
