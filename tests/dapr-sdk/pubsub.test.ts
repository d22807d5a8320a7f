// @dapr/dapr's publish and bulk publish against a real daprd and the committed `pubsub` component
// (pubsub.redis), as observed with the pinned SDK version. Topics are this run's own; their streams are
// deleted afterwards (no app subscribes to them).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { COMPONENTS } from "../../packages/shared/src/names.ts";
import { runPrefix, type SuiteSidecar, stackRedis, startSuiteSidecar } from "./support/sdk-sidecar.ts";

const pubsub = COMPONENTS.pubsub;
const topic = `${runPrefix}.published`;
const redis = stackRedis();
let suite: SuiteSidecar;

beforeAll(async () => {
  suite = await startSuiteSidecar("pubsub");
});

afterAll(async () => {
  await suite?.sidecar.stop();
  await redis.del(topic);
  expect(await redis.exists(topic)).toBe(false);
  redis.close();
});

describe("@dapr/dapr publish over HTTP (pubsub, pubsub.redis)", () => {
  test("a publish that succeeds resolves to {}", async () => {
    const { client } = suite.client();
    expect(await client.pubsub.publish(pubsub, topic, { n: 1 })).toEqual({});
    expect(await redis.send("XLEN", [topic])).toBe(1);
  });

  test("a publish to a pub/sub the sidecar lacks is returned as { error }, not thrown", async () => {
    const { client, logged } = suite.client();
    const result = await client.pubsub.publish("no-such-pubsub", topic, { n: 1 });
    expect(result.error).toBeInstanceOf(Error);
    const { status, error_msg } = JSON.parse(result.error?.message ?? "") as {
      status: number;
      error_msg: string;
    };
    expect(status).toBe(404);
    expect((JSON.parse(error_msg) as { errorCode: string }).errorCode).toBe("ERR_PUBSUB_NOT_FOUND");
    expect(logged.some((line) => line.includes("publish failed"))).toBe(true);
  });

  test("a bulk publish that succeeds resolves to { failedMessages: [] }", async () => {
    const { client } = suite.client();
    const result = await client.pubsub.publishBulk(pubsub, topic, [{ n: 2 }, { n: 3 }]);
    expect(result).toEqual({ failedMessages: [] });
  });

  test("a bulk publish that fails never throws: every entry comes back in failedMessages", async () => {
    const { client } = suite.client();
    const result = await client.pubsub.publishBulk("no-such-pubsub", topic, [{ n: 4 }, { n: 5 }]);
    expect(result.failedMessages).toHaveLength(2);
    expect(result.failedMessages.map((failed) => failed.message.event)).toEqual([{ n: 4 }, { n: 5 }]);
    for (const failed of result.failedMessages) expect(failed.error).toBeInstanceOf(Error);
  });
});
