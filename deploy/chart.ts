/**
 * Rendering the trip-service chart the way Argo CD does, for k8s/ generation and the deployment tests.
 * @example const manifest = await helmTemplate(valuesFilesOf("production"));
 */
import { join } from "node:path";
import { repoRoot, toolPaths } from "./tool-paths.ts";

export const chartDir = join(repoRoot, "helm/trip-service");
export const environments = ["staging", "production"] as const;
export type Environment = (typeof environments)[number];

/** The value files Argo CD passes for an environment, in order (relative to the chart). */
export function valuesFilesOf(environment: Environment): string[] {
  return [`values-${environment}.yaml`, `image-tags/${environment}.yaml`];
}

/** `helm template` of the chart with the given value files (relative to the chart) and extra flags. */
export async function helmTemplate(valuesFiles: string[], extraArgs: string[] = []): Promise<string> {
  const { helm, kubeVersion } = toolPaths();
  const args = ["template", "trip-service", chartDir, "--kube-version", kubeVersion];
  for (const file of valuesFiles) args.push("--values", join(chartDir, file));
  const proc = Bun.spawn([helm, ...args, ...extraArgs], { stdout: "pipe", stderr: "pipe" });
  const [stdout, stderr, code] = await Promise.all([
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
    proc.exited,
  ]);
  if (code !== 0) throw new Error(`helm template failed (${code}): ${stderr}`);
  return stdout;
}

/** Splits `helm template` output into documents per template (`# Source: <chart>/templates/<path>`). */
export function documentsBySource(manifest: string): Map<string, string[]> {
  const bySource = new Map<string, string[]>();
  for (const chunk of manifest.split(/^---\s*$/m)) {
    const match = chunk.match(/^# Source: [^/]+\/templates\/(.+)$/m);
    if (match?.[1] === undefined) continue;
    const body = chunk.replace(/^\s*# Source: .*\n/, "").trim();
    if (body === "") continue;
    bySource.set(match[1], [...(bySource.get(match[1]) ?? []), body]);
  }
  return bySource;
}

/** Every object of a rendered manifest, parsed. */
export function parseManifest(manifest: string): Record<string, unknown>[] {
  const objects: Record<string, unknown>[] = [];
  for (const documents of documentsBySource(manifest).values()) {
    for (const document of documents) {
      const parsed = Bun.YAML.parse(document) as Record<string, unknown> | null;
      if (parsed !== null) objects.push(parsed);
    }
  }
  return objects;
}
