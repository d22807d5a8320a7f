/**
 * The sidecar configuration of the infra suite: the repo's dapr/config.yaml with one more access-control
 * policy — the suite's caller may POST its callee's echo route. Everything else of the product's policy
 * stays in force, so an app outside it is refused exactly as in the stack. Name resolution uses a
 * registry of the suite's own, so test apps (even under the stack's app ids) never meet the stack's.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot, runDir } from "./environment.ts";

export const INFRA_CALLER = "infra-caller";
export const INFRA_ECHO_ROUTE = "/api/v1/echo";

interface Policy {
  appId: string;
  defaultAction: string;
  trustDomain: string;
  namespace: string;
  operations: Array<{ name: string; httpVerb: string[]; action: string }>;
}

export function infraDaprConfig(): string {
  const config = Bun.YAML.parse(readFileSync(join(repoRoot, "dapr", "config.yaml"), "utf8")) as {
    spec: {
      accessControl: { trustDomain: string; policies: Policy[] };
      nameResolution: { configuration: { connectionString: string } };
    };
  };
  const { accessControl } = config.spec;
  const dir = join(runDir, "test-infra");
  config.spec.nameResolution.configuration.connectionString = join(dir, "nameresolution.db");
  accessControl.policies.push({
    appId: INFRA_CALLER,
    defaultAction: "deny",
    trustDomain: accessControl.trustDomain,
    namespace: "default",
    operations: [{ name: INFRA_ECHO_ROUTE, httpVerb: ["POST"], action: "allow" }],
  });
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "config.yaml");
  writeFileSync(file, Bun.YAML.stringify(config, null, 2));
  return file;
}
