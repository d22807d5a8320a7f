import { afterAll, describe, expect, test } from "bun:test";
import { profileComponents } from "../../scripts/lib/render-resources.ts";
import {
  APP_IDS,
  appPod,
  DAPR_HTTP_PORT,
  type Forward,
  getJson,
  portForward,
  secretValue,
} from "./support/cluster.ts";

/**
 * What each sidecar must load: the components whose scopes name its app. The scopes come from the
 * local profile, components/base + components/local (tests/deploy proves the chart renders the same ones).
 */
const scopedTo = (id: string): string[] =>
  profileComponents("local")
    .map(
      ({ yaml }) =>
        Bun.YAML.parse(yaml) as {
          metadata: { name: string };
          scopes?: string[];
        },
    )
    .filter((component) => component.scopes?.includes(id))
    .map((component) => component.metadata.name)
    .sort();

/** Component types in the cluster: Kafka, the Kubernetes secret store, Redis for the ranking stores. */
const clusterTypes: Record<string, string> = {
  cache: "state.redis",
  rankings: "state.redis",
  "country-stats": "state.redis",
  "daily-selections": "state.redis",
  "trip-db": "bindings.mysql",
  pubsub: "pubsub.kafka",
  "fx-provider": "bindings.http",
  lockstore: "lock.redis",
  secretstore: "secretstores.kubernetes",
  "cron-ingest": "bindings.cron",
  "cron-ranking": "bindings.cron",
  "cron-analysis": "bindings.cron",
  "cron-midnight-kst": "bindings.cron",
};

const forwards: Forward[] = [];
afterAll(() => {
  for (const forward of forwards) forward.close();
});

describe("each sidecar loads exactly the components its app is scoped to", () => {
  for (const id of APP_IDS) {
    test(id, async () => {
      const forward = await portForward(appPod(id).metadata.name, DAPR_HTTP_PORT);
      forwards.push(forward);
      const token = secretValue("trip-service-dapr-api-token", "token");
      // Without the API token the sidecar answers nothing (dapr.io/api-token-secret).
      expect((await getJson(`${forward.url}/v1.0/metadata`)).status).toBe(401);
      const { status, body } = await getJson(`${forward.url}/v1.0/metadata`, {
        headers: { "dapr-api-token": token },
      });
      expect(status).toBe(200);
      expect(body.id).toBe(id);
      const loaded = (body.components as { name: string; type: string }[]).map((component) => component.name);
      expect(loaded.sort()).toEqual(scopedTo(id));
      for (const component of body.components as { name: string; type: string }[]) {
        expect({ name: component.name, type: component.type }).toEqual({
          name: component.name,
          type: clusterTypes[component.name] as string,
        });
      }
      expect(body.runtimeVersion).toMatch(/^1\.16\./);
    });
  }
});
