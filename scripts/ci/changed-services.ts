/**
 * Which images a change needs rebuilt. A change in packages/shared or in what every image is built from
 * (root manifests, lockfile, .dockerignore) rebuilds all; a change inside an app's folder or to its
 * Dockerfile rebuilds that app (services/Dockerfile: the four services); anything else (docs, chart,
 * tests) rebuilds nothing.
 * usage: bun scripts/ci/changed-services.ts --base <commit>   prints the app ids, one per line
 *        (an empty or unknown base, e.g. the first build, rebuilds everything)
 */
import { appIds, apps } from "./apps.ts";

/** Files every image depends on: any change to them rebuilds every app. */
const sharedInputs = [
  /^packages\/shared\//,
  /^package\.json$/,
  /^bun\.lock$/,
  /^bunfig\.toml$/,
  /^tsconfig\.base\.json$/,
  /^\.dockerignore$/,
];

/** App ids whose image must be rebuilt for these changed paths, in the canonical app order. */
export function changedApps(changedFiles: readonly string[]): string[] {
  if (changedFiles.some((file) => sharedInputs.some((pattern) => pattern.test(file)))) return [...appIds];
  return apps
    .filter((app) => changedFiles.some((file) => file.startsWith(`${app.dir}/`) || file === app.dockerfile))
    .map((app) => app.id);
}

async function git(args: string[], cwd?: string): Promise<{ ok: boolean; out: string }> {
  const proc = Bun.spawn(["git", ...args], { cwd, stdout: "pipe", stderr: "ignore" });
  const out = await new Response(proc.stdout).text();
  return { ok: (await proc.exited) === 0, out };
}

/** Paths changed between `base` and HEAD, or null when the base is unknown (first build, rewritten history). */
export async function changedFilesSince(base: string, cwd?: string): Promise<string[] | null> {
  if (base === "" || !(await git(["cat-file", "-e", `${base}^{commit}`], cwd)).ok) return null;
  const diff = await git(["diff", "--name-only", `${base}...HEAD`], cwd);
  if (!diff.ok) return null;
  return diff.out.split("\n").filter((line) => line !== "");
}

if (import.meta.main) {
  const at = process.argv.indexOf("--base");
  const base = at >= 0 ? (process.argv[at + 1] ?? "") : "";
  const files = await changedFilesSince(base);
  const result = files === null ? [...appIds] : changedApps(files);
  if (result.length > 0) console.log(result.join("\n"));
}
