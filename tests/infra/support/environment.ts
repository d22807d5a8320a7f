/** Where the integration suite finds the clone, the pinned binaries and the local secrets. */
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "../../../scripts/lib/render-resources.ts";
import { installedTool } from "../../support/stack.ts";

export { repoRoot };

export const runDir = join(repoRoot, ".run");
export const tripCache = process.env.TRIP_CACHE ?? join(homedir(), ".cache", "trip-service");
export const daprdBinary = installedTool(
  join(tripCache, "bin", "daprd"),
  "bash scripts/setup.sh (step: dapr)",
);

export interface LocalSecrets {
  "dapr-api-token": string;
  "app-api-token": string;
  "redis-password": string;
  "mysql-dsn": string;
}

export function localSecrets(): LocalSecrets {
  const file = join(runDir, "secrets.json");
  if (!existsSync(file)) throw new Error(`${file} is missing: run scripts/setup.sh first`);
  return JSON.parse(readFileSync(file, "utf8")) as LocalSecrets;
}

/** A suffix that keeps topics, keys and tables of one run apart from earlier runs. */
export const runId = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
