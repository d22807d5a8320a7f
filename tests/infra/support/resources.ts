/** Renders a suite's own resources folder under .run/test-infra from the committed component YAML. */
import { join } from "node:path";
import { type Profile, renderResources } from "../../../scripts/lib/render-resources.ts";
import { runDir } from "./environment.ts";

export function testResources(
  suite: string,
  options: {
    profile?: Profile;
    appIds: readonly string[];
    only?: readonly string[];
    metadata?: Record<string, Record<string, string>>;
  },
): string {
  const outDir = join(runDir, "test-infra", suite, "resources");
  renderResources({
    profile: options.profile ?? "local",
    outDir,
    scopes: options.appIds,
    ...(options.only ? { only: options.only } : {}),
    ...(options.metadata ? { metadata: options.metadata } : {}),
  });
  return outDir;
}
