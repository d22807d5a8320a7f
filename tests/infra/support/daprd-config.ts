/**
 * The sidecar configuration of the infra suite: the repo's dapr/config.yaml in a name registry of the
 * suite's own (so test apps, even under the stack's app ids, never meet the stack's), with one more
 * access-control policy — the suite's caller may POST its callee's echo route. Everything else of the
 * product's policy stays in force, so an app outside it is refused exactly as in the stack.
 */
import { join } from "node:path";
import { privateSidecarConfig } from "../../support/private-sidecar-config.ts";
import { runDir } from "./environment.ts";

export const INFRA_CALLER = "infra-caller";
export const INFRA_ECHO_ROUTE = "/api/v1/echo";

/** Written once per test process; every sidecar of the suite reads the same file. */
let written: string | undefined;

export function infraDaprConfig(): string {
  written ??= privateSidecarConfig(join(runDir, "test-infra"), ({ spec: { accessControl } }) => {
    accessControl.policies.push({
      appId: INFRA_CALLER,
      defaultAction: "deny",
      trustDomain: accessControl.trustDomain,
      namespace: "default",
      operations: [{ name: INFRA_ECHO_ROUTE, httpVerb: ["POST"], action: "allow" }],
    });
  });
  return written;
}
