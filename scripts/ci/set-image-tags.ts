/**
 * Writes the image tag of apps into helm/trip-service/image-tags/<env>.yaml — the file Argo CD reads
 * after values-<env>.yaml. This is the pipeline's only edit of the deployment (GitOps).
 * usage: bun scripts/ci/set-image-tags.ts --env staging --tag <commit> <app id>...
 *        bun scripts/ci/set-image-tags.ts --env production --copy-from <image-tags file>   (promotion)
 */
import { join } from "node:path";
import { appIds, isAppId } from "./apps.ts";

export type ImageTags = Record<string, string>;

const tagPattern = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** The per-app tags of an image-tags file. */
export function parseImageTags(yaml: string): ImageTags {
  const parsed = (Bun.YAML.parse(yaml) ?? {}) as {
    apps?: Record<string, { image?: { tag?: unknown } }> | null;
  };
  const tags: ImageTags = {};
  for (const [id, app] of Object.entries(parsed.apps ?? {})) {
    if (!isAppId(id)) throw new Error(`unknown app ${id} in image tags`);
    const tag = app?.image?.tag;
    if (typeof tag === "string" && tag !== "") tags[id] = tag;
  }
  return tags;
}

/** `current` with `tag` set for each of `ids` (validated: known app, valid Docker tag). */
export function withTag(current: ImageTags, ids: readonly string[], tag: string): ImageTags {
  if (!tagPattern.test(tag)) throw new Error(`invalid image tag ${JSON.stringify(tag)}`);
  const unknown = ids.filter((id) => !isAppId(id));
  if (unknown.length > 0) throw new Error(`unknown app ids: ${unknown.join(", ")}`);
  return { ...current, ...Object.fromEntries(ids.map((id) => [id, tag])) };
}

/** The file text, apps in canonical order, so a rewrite with the same tags changes nothing. */
export function renderImageTags(environment: string, tags: ImageTags): string {
  const lines = [
    `# Image tag per app in ${environment}. Written by the pipeline (scripts/ci/set-image-tags.ts): do not edit by hand.`,
  ];
  const ids = appIds.filter((id) => tags[id] !== undefined);
  if (ids.length === 0) return `${lines[0]}\napps: {}\n`;
  lines.push("apps:");
  for (const id of ids) lines.push(`  ${id}:`, "    image:", `      tag: "${tags[id]}"`);
  return `${lines.join("\n")}\n`;
}

function argValue(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

if (import.meta.main) {
  const environment = argValue("--env");
  if (environment !== "staging" && environment !== "production") throw new Error("--env staging|production");
  const path = join(import.meta.dir, "../../helm/trip-service/image-tags", `${environment}.yaml`);
  const copyFrom = argValue("--copy-from");
  let tags: ImageTags;
  if (copyFrom !== undefined) {
    tags = parseImageTags(await Bun.file(copyFrom).text());
  } else {
    const tag = argValue("--tag") ?? "";
    const ids = process.argv
      .slice(2)
      .filter((arg, i, all) => !arg.startsWith("--") && !all[i - 1]?.startsWith("--"));
    tags = withTag(parseImageTags(await Bun.file(path).text()), ids, tag);
  }
  await Bun.write(path, renderImageTags(environment, tags));
  console.log(`${environment}: ${JSON.stringify(tags)}`);
}
