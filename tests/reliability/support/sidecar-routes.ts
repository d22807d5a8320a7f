/** Routes only a service's own sidecar may call: its cron bindings (from the component YAML) and subscriptions. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { getJson } from "./client.ts";
import { REPO_ROOT, type StackService, tokens } from "./stack-env.ts";

/** Cron binding names scoped to `appId` in components/<profile>. */
export const cronBindingsOf = (appId: string, profile = "local"): string[] => {
  const dir = join(REPO_ROOT, "components", profile);
  const names: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".yaml"))) {
    const yaml = readFileSync(join(dir, file), "utf8");
    if (!/^\s+type:\s*bindings\.cron\b/m.test(yaml)) continue;
    const name = /^metadata:\n\s+name:\s*(\S+)/m.exec(yaml)?.[1];
    const scopes = /^scopes:\n((?:\s+-\s*\S+\n?)*)/m.exec(yaml)?.[1] ?? "";
    if (name && scopes.split("\n").some((line) => line.replace(/^\s*-\s*/, "").trim() === appId))
      names.push(name);
  }
  return names.sort();
};

/** The subscription routes the app announces to its sidecar (`GET /dapr/subscribe` with the app token). */
export const subscriptionRoutesOf = async (service: StackService): Promise<string[]> => {
  const answer = await getJson(`${service.url}/dapr/subscribe`, { "dapr-api-token": tokens().app });
  if (answer.status !== 200) throw new Error(`${service.appId} /dapr/subscribe answered ${answer.status}`);
  return (answer.json as Array<{ route: string }>).map((s) => s.route);
};
