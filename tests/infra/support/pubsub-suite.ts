/**
 * The pub/sub behaviour every profile must give the services: two apps, one publishing through its
 * sidecar, the other subscribed programmatically (GET /dapr/subscribe) with a dead-letter topic.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Profile } from "../../../scripts/lib/render-resources.ts";
import { runId } from "./environment.ts";
import { eventually } from "./eventually.ts";
import type { Sidecar } from "./sidecar.ts";
import { type Stack, startStack } from "./stack.ts";
import type { RecordedCall, TestApp } from "./test-app.ts";

interface CloudEvent {
  id: string;
  topic: string;
  pubsubname: string;
  datacontenttype: string;
  data: { id: string; kind: "ok" | "retry-once" | "malformed" };
}

export function pubSubSuite(profile: Profile) {
  const topic = `infra-test.${profile}.${runId}`;
  const deadLetters = `${topic}.dlq`;
  let stack: Stack;
  let publisher: Sidecar;
  let subscriber: TestApp;
  const seenRetry = new Set<string>();
  const eventsFor = (path: string, id: string) =>
    subscriber
      .callsTo(path)
      .map((call: RecordedCall) => JSON.parse(call.body) as CloudEvent)
      .filter((event) => event.data.id === id);
  const publish = (data: CloudEvent["data"]) =>
    publisher.fetch(`/v1.0/publish/pubsub/${topic}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(data),
    });

  const subscribe = (app: TestApp) => {
    app.on("/dapr/subscribe", () =>
      Response.json([
        { pubsubname: "pubsub", topic, routes: { default: "/events" }, deadLetterTopic: deadLetters },
        { pubsubname: "pubsub", topic: deadLetters, routes: { default: "/dead-letters" } },
      ]),
    );
    app.on("/events", (call) => {
      const event = JSON.parse(call.body) as CloudEvent;
      if (event.data.kind === "malformed") return Response.json({ status: "DROP" });
      if (event.data.kind === "retry-once" && !seenRetry.has(event.data.id)) {
        seenRetry.add(event.data.id);
        return Response.json({ status: "RETRY" });
      }
      return Response.json({ status: "SUCCESS" });
    });
  };

  beforeAll(async () => {
    stack = await startStack(`pubsub-${profile}`, {
      profile,
      only: ["pubsub"],
      members: [
        { appId: `infra-pub-${profile}` },
        { appId: `infra-sub-${profile}`, beforeSidecar: subscribe },
      ],
    });
    publisher = stack.members[0]?.sidecar as Sidecar;
    subscriber = stack.members[1]?.app as TestApp;
  }, 60_000);
  afterAll(() => stack?.stop());

  const timeout = profile === "kafka" ? 45_000 : 15_000;
  describe(`pub/sub on ${profile === "kafka" ? "Kafka" : "Redis Streams"}`, () => {
    test("the sidecar asks the app for its subscriptions with the app token", () => {
      expect(subscriber.callsTo("/dapr/subscribe").length).toBeGreaterThan(0);
      expect(subscriber.refused).toEqual([]);
    });

    test(
      "a published event is delivered once as a CloudEvent",
      async () => {
        expect((await publish({ id: "delivered", kind: "ok" })).status).toBe(204);
        const [event] = await eventually(
          "delivery",
          () => eventsFor("/events", "delivered")[0] && eventsFor("/events", "delivered"),
          timeout,
        );
        expect(event).toMatchObject({ topic, pubsubname: "pubsub", datacontenttype: "application/json" });
        await Bun.sleep(500);
        expect(eventsFor("/events", "delivered")).toHaveLength(1);
      },
      timeout + 5_000,
    );

    test(
      "an event answered with RETRY is delivered again, with the same id",
      async () => {
        await publish({ id: "retried", kind: "retry-once" });
        const deliveries = await eventually(
          "redelivery",
          () => (eventsFor("/events", "retried").length >= 2 ? eventsFor("/events", "retried") : undefined),
          timeout,
        );
        expect(deliveries[0]?.id).toBe(deliveries[1]?.id as string);
        expect(eventsFor("/dead-letters", "retried")).toEqual([]);
      },
      timeout + 5_000,
    );

    test(
      "an event answered with DROP lands in the dead-letter topic",
      async () => {
        await publish({ id: "poison", kind: "malformed" });
        const [dead] = await eventually(
          "dead letter",
          () =>
            eventsFor("/dead-letters", "poison").length > 0
              ? eventsFor("/dead-letters", "poison")
              : undefined,
          timeout,
        );
        expect(dead?.data).toEqual({ id: "poison", kind: "malformed" });
        expect(eventsFor("/events", "poison")).toHaveLength(1);
      },
      timeout + 5_000,
    );
  });
}
