/**
 * dapr/config.yaml for sidecars a test or a benchmark starts beside the stack, with the name-resolution
 * registry (nameResolution: sqlite) moved to a file of their own. A replica started under a stack app's
 * id (e.g. `ranking-service`) would otherwise register in the stack's registry, and the stack's own
 * service invocation (the web gateway) could send users' requests to it (issue 13).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./stack.ts";

const REGISTRY = /(connectionString:\s*)"[^"]*"/;

/** Writes `<dir>/config.yaml` (registry `<dir>/nameresolution.db`) and returns its path. */
export const privateSidecarConfig = (dir: string): string => {
  const yaml = readFileSync(join(REPO_ROOT, "dapr", "config.yaml"), "utf8");
  if (!REGISTRY.test(yaml)) throw new Error("dapr/config.yaml names no name-resolution registry to move");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "config.yaml");
  writeFileSync(file, yaml.replace(REGISTRY, `$1${JSON.stringify(join(dir, "nameresolution.db"))}`));
  return file;
};
