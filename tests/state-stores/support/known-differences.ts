// Where the stores behave differently under the same Dapr call. ranking-service must not depend on
// any of these; the table pins them so a Dapr upgrade that changes one is noticed (docs/mongodb.md).
// The mongodb column is read from components-contrib v1.16.5 source: no MongoDB could be run here.
import { expect, test } from "bun:test";
import { mustRead, type StoreContext } from "./store-context.ts";
import type { StoreKind } from "./store-targets.ts";

type Difference = {
  behaviour: string;
  expected: Record<StoreKind, number | boolean | null>;
  needsTransactions?: boolean;
  observe: (context: StoreContext) => Promise<number | boolean | null>;
};

const differences: Difference[] = [
  {
    behaviour: "status of a first-write save without etag over a key written without first-write",
    expected: { redis: 204, mysql: 409, postgresql: 500, mongodb: 409 },
    observe: async ({ client, key }) => {
      await client().save(key("fw-over-lw"), 1);
      return client().save(key("fw-over-lw"), 2, { concurrency: "first-write" });
    },
  },
  {
    behaviour: "status of a plain save without etag over a key created with first-write",
    expected: { redis: 500, mysql: 204, postgresql: 204, mongodb: 204 },
    observe: async ({ client, key }) => {
      await client().save(key("lw-over-fw"), 1, { concurrency: "first-write" });
      return client().save(key("lw-over-fw"), 2);
    },
  },
  {
    behaviour: "status of a save with an etag on a key that does not exist",
    expected: { redis: 204, mysql: 409, postgresql: 409, mongodb: 204 },
    observe: async (context) => {
      await context.client().save(context.key("etag-source"), 1);
      const { etag } = await mustRead(context, context.key("etag-source"));
      return context.client().save(context.key("etag-on-missing"), 1, { etag });
    },
  },
  {
    behaviour: "status of a delete with an etag of a key that does not exist",
    expected: { redis: 204, mysql: 409, postgresql: 409, mongodb: 409 },
    observe: ({ client, key }) => client().remove(key("delete-missing"), "1"),
  },
  {
    behaviour: "status of a save with a malformed etag",
    expected: { redis: 400, mysql: 409, postgresql: 409, mongodb: 409 },
    observe: async ({ client, key }) => {
      await client().save(key("malformed-etag"), 1);
      return client().save(key("malformed-etag"), 2, { etag: "not-an-etag" });
    },
  },
  {
    behaviour: "a TTL'd read carries the metadata.ttlExpireTime header",
    expected: { redis: false, mysql: true, postgresql: true, mongodb: true },
    observe: async (context) => {
      await context.client().save(context.key("ttl-header"), 1, { ttlInSeconds: 60 });
      return (await mustRead(context, context.key("ttl-header"))).headers.has("metadata.ttlexpiretime");
    },
  },
  {
    behaviour: "a refused transaction keeps the operations before its stale etag (no rollback)",
    expected: { redis: true, mysql: false, postgresql: false, mongodb: false },
    needsTransactions: true,
    observe: async (context) => {
      const [earlier, guarded] = [context.key("tx-earlier"), context.key("tx-stale")];
      await context.client().save(guarded, 1);
      const stale = await mustRead(context, guarded);
      await context.client().save(guarded, 2);
      await context.client().transact([
        { operation: "upsert", request: { key: earlier, value: "kept?" } },
        { operation: "upsert", request: { key: guarded, value: 3, etag: stale.etag } },
      ]);
      return (await context.client().get(earlier)).found;
    },
  },
];

export function defineKnownDifferences(context: StoreContext) {
  for (const difference of differences) {
    if (difference.needsTransactions && !context.transactional) continue;
    const expected = difference.expected[context.kind];
    test(`known difference — ${difference.behaviour}: ${expected}`, async () => {
      expect(await difference.observe(context)).toBe(expected);
    });
  }
}
