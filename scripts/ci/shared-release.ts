/**
 * Whether packages/shared must be published: its package.json version differs from the base commit's.
 * usage: bun scripts/ci/shared-release.ts --base <commit>   prints `publish <version>` or `skip`
 */
const manifestPath = "packages/shared/package.json";

/** The `version` field of a package.json text, or null if it is absent or unreadable. */
export function versionOf(packageJson: string | null): string | null {
  if (packageJson === null) return null;
  try {
    const parsed = JSON.parse(packageJson) as { version?: unknown };
    return typeof parsed.version === "string" ? parsed.version : null;
  } catch (error) {
    throw new Error(`${manifestPath} is not valid JSON: ${String(error)}`);
  }
}

/** The version to publish, or null when it did not change. A first build (no base) publishes. */
export function releaseVersion(basePackageJson: string | null, headPackageJson: string): string | null {
  const head = versionOf(headPackageJson);
  if (head === null) throw new Error(`${manifestPath} has no version`);
  return versionOf(basePackageJson) === head ? null : head;
}

async function fileAt(commit: string): Promise<string | null> {
  if (commit === "") return null;
  const proc = Bun.spawn(["git", "show", `${commit}:${manifestPath}`], { stdout: "pipe", stderr: "ignore" });
  const text = await new Response(proc.stdout).text();
  return (await proc.exited) === 0 ? text : null;
}

if (import.meta.main) {
  const at = process.argv.indexOf("--base");
  const base = at >= 0 ? (process.argv[at + 1] ?? "") : "";
  const version = releaseVersion(await fileAt(base), await Bun.file(manifestPath).text());
  console.log(version === null ? "skip" : `publish ${version}`);
}
