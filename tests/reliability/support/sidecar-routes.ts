/** Routes only a service's own sidecar may call: its cron bindings (from the component YAML) and subscriptions. */
import { type Profile, profileComponents } from "../../../scripts/lib/render-resources.ts";
import { getJson } from "./client.ts";
import { type StackService, tokens } from "./stack-env.ts";

/** Cron binding names scoped to `appId` in the components of `profile` (components/base + overlay). */
export const cronBindingsOf = (appId: string, profile: Profile = "local"): string[] => {
  const names: string[] = [];
  for (const { yaml } of profileComponents(profile)) {
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
