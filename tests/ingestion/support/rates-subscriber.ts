/**
 * A tiny app with its own sidecar, subscribed to `exchange-rates.updated` on the stack's pub/sub profile:
 * proof that an ingestion's event reached the broker and is delivered. Reuses the infra suite's test app
 * and sidecar launcher (free loopback ports).
 */
import { TOPICS } from "@trip/shared";
import type { Profile } from "../../../scripts/lib/render-resources.ts";
import { type Stack, startStack } from "../../infra/support/stack.ts";
import type { TestApp } from "../../infra/support/test-app.ts";

// A fixed consumer group: each run resumes where the last one stopped instead of replaying the topic.
const SUBSCRIBER_APP_ID = "ingestion-test-subscriber";

interface RatesEvent {
  id: string;
  topic: string;
  traceparent?: string;
  data: { batch_id: string; provider: string; observed_at: string; rates: { currency_code: string }[] };
}

export interface RatesSubscriber {
  eventsFor(batchId: string): RatesEvent[];
  /** Events published while handling a request that carried this trace id. */
  eventsOfTrace(traceId: string): RatesEvent[];
  stop(): Promise<void>;
}

export async function startRatesSubscriber(profile: Profile): Promise<RatesSubscriber> {
  const subscribe = (app: TestApp) => {
    app.on("/dapr/subscribe", () =>
      Response.json([
        { pubsubname: "pubsub", topic: TOPICS.ratesUpdated, routes: { default: "/rates-updated" } },
      ]),
    );
    app.on("/rates-updated", () => Response.json({ status: "SUCCESS" }));
  };
  const stack: Stack = await startStack(`ingestion-${profile}`, {
    profile,
    only: ["pubsub"],
    members: [{ appId: SUBSCRIBER_APP_ID, beforeSidecar: subscribe }],
  });
  const app = stack.members[0]?.app as TestApp;
  const received = () => app.callsTo("/rates-updated").map((call) => JSON.parse(call.body) as RatesEvent);
  return {
    eventsFor: (batchId) => received().filter((event) => event.data?.batch_id === batchId),
    eventsOfTrace: (traceId) => received().filter((event) => event.traceparent?.split("-")[1] === traceId),
    stop: () => stack.stop(),
  };
}
