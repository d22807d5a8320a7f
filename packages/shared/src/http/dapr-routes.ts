import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { z } from "zod";
import type { Logger } from "../logger.ts";
import { deadLetterTopicOf } from "../names.ts";
import { requireAppToken } from "./app-token.ts";

/** What a subscription handler tells Dapr: done, try again later, or give up (→ dead-letter topic). */
export type DeliveryOutcome = "SUCCESS" | "RETRY" | "DROP";

export interface CloudEventMeta {
  id: string;
  topic: string;
  source?: string;
  time?: string;
}

export interface Subscription<S extends z.ZodType> {
  pubsubName: string;
  topic: string;
  /** App route Dapr posts to, e.g. `/events/rates-updated`. */
  route: string;
  schema: S;
  handle: (data: z.infer<S>, meta: CloudEventMeta) => Promise<DeliveryOutcome>;
}

/** A subscription with its schema type erased, so subscriptions of different events fit in one list. */
// biome-ignore lint/suspicious/noExplicitAny: erasure point for heterogeneous subscription lists
export type AnySubscription = Subscription<any>;

/** Identity helper that keeps `handle`'s parameter typed from `schema`. */
export const subscription = <S extends z.ZodType>(s: Subscription<S>): Subscription<S> => s;

export interface DaprRoutesOptions {
  appToken: string | undefined;
  log: Logger;
  subscriptions: AnySubscription[];
  /** Cron input bindings: binding name → job. Dapr calls `POST /<name>` on each tick. */
  crons: Record<string, () => Promise<unknown>>;
}

const deliver = async (sub: AnySubscription, c: Context, log: Logger): Promise<DeliveryOutcome> => {
  const event = (await c.req.json().catch(() => undefined)) as Record<string, unknown> | undefined;
  const parsed = sub.schema.safeParse(event?.data);
  if (!event || !parsed.success) {
    log.warn("malformed event dropped to dead-letter topic", { topic: sub.topic, id: event?.id });
    return "DROP";
  }
  const meta: CloudEventMeta = {
    id: String(event.id ?? ""),
    topic: sub.topic,
    ...(typeof event.source === "string" ? { source: event.source } : {}),
    ...(typeof event.time === "string" ? { time: event.time } : {}),
  };
  try {
    return await sub.handle(parsed.data, meta);
  } catch (err) {
    log.error("event handler failed; asking for redelivery", { topic: sub.topic, id: meta.id, err });
    return "RETRY";
  }
};

/**
 * `/dapr/subscribe`, one POST route per subscription, and one route per cron binding — all answering
 * only the app's own sidecar (app API token).
 */
export const registerDaprRoutes = (app: OpenAPIHono, options: DaprRoutesOptions): void => {
  const { log, subscriptions, crons } = options;
  const guard = requireAppToken(options.appToken);
  app.use("/dapr/*", guard);
  app.get("/dapr/subscribe", (c) =>
    c.json(
      subscriptions.map((s) => ({
        pubsubname: s.pubsubName,
        topic: s.topic,
        route: s.route,
        deadLetterTopic: deadLetterTopicOf(s.topic),
      })),
    ),
  );
  for (const sub of subscriptions) {
    app.post(sub.route, guard, async (c) => c.json({ status: await deliver(sub, c, log) }));
  }
  for (const [binding, job] of Object.entries(crons)) {
    // daprd probes input-binding routes with OPTIONS at start to learn whether the app listens.
    app.on("OPTIONS", `/${binding}`, guard, (c) => c.body(null, 200));
    app.post(`/${binding}`, guard, async (c) => {
      await job();
      return c.body(null, 200);
    });
  }
};
