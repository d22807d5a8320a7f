/** Reading the apps' own Prometheus counters (`GET /metrics`). */
import { send } from "./client.ts";

/** A Prometheus counter's value on an app's /metrics (sum over series matching every label given). */
export const metricValue = async (
  baseUrl: string,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> => {
  const answer = await send(`${baseUrl}/metrics`);
  let total = 0;
  for (const line of answer.text.split("\n")) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (!Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) continue;
    total += Number(line.slice(line.lastIndexOf(" ") + 1)) || 0;
  }
  return total;
};
