/**
 * dapr/config.yaml for sidecars a test or a benchmark starts beside the stack, with the name-resolution
 * registry (nameResolution: sqlite) moved to a file of their own. A replica started under a stack app's
 * id (e.g. `ranking-service`) would otherwise register in the stack's registry, and the stack's own
 * service invocation (the web gateway) could send users' requests to it (issue 13). `edit` may change
 * more of the configuration (tests/infra adds its own caller to the access-control policy).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./stack.ts";

export interface SidecarConfiguration {
  spec: {
    nameResolution?: { configuration?: { connectionString?: string } };
    accessControl: { trustDomain: string; policies: Array<Record<string, unknown>> };
  };
}

/** Writes `<dir>/config.yaml` (registry `<dir>/nameresolution.db`) and returns its path. */
export const privateSidecarConfig = (dir: string, edit?: (config: SidecarConfiguration) => void): string => {
  const config = Bun.YAML.parse(
    readFileSync(join(REPO_ROOT, "dapr", "config.yaml"), "utf8"),
  ) as SidecarConfiguration;
  const registry = config.spec.nameResolution?.configuration;
  if (registry?.connectionString === undefined) {
    throw new Error("dapr/config.yaml names no name-resolution registry to move");
  }
  registry.connectionString = join(dir, "nameresolution.db");
  edit?.(config);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "config.yaml");
  writeFileSync(file, Bun.YAML.stringify(config, null, 2));
  return file;
};
