// One contract, every state store: what ranking-service relies on from `rankings`, `country-stats` and
// `daily-selections`, exercised through a real daprd (one per store) over the Dapr HTTP state API.
// A store that cannot be reached (server or sidecar) fails loudly only when required: REQUIRE_STORES,
// by default redis,mysql,postgresql (+ mongodb when MONGODB_URL is set). See docs/mongodb.md.
import { afterAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { createDaprStateClient } from "./support/dapr-state-client.ts";
import { type Sidecar, startSidecar } from "./support/daprd-sidecar.ts";
import { defineKnownDifferences } from "./support/known-differences.ts";
import { definePortableContract } from "./support/portable-contract.ts";
import type { StoreContext } from "./support/store-context.ts";
import {
  appId,
  componentName,
  prepareStore,
  runDir,
  stopServer,
  storeKinds,
} from "./support/store-targets.ts";

const runId = Date.now().toString(36);

const runs = await Promise.all(
  storeKinds.map(async (kind, index) => {
    const store = prepareStore(kind, process.env);
    if ("problem" in store) return { ...store, startedServer: null, sidecar: undefined };
    const sidecar = await startSidecar({
      appId,
      resourcesDir: store.resourcesDir,
      httpPort: 19_510 + index * 10,
      logFile: join(runDir, "logs", `daprd-${kind}.log`),
      workDir: runDir,
    }).catch((error: Error) => error);
    if (sidecar instanceof Error)
      return { ...store, sidecar: undefined, problem: `daprd did not start: ${sidecar.message}` };
    return { ...store, sidecar, problem: null };
  }),
);

afterAll(async () => {
  await Promise.all(runs.map((run) => run.sidecar?.stop()));
  for (const run of runs) if (run.startedServer) stopServer(run.startedServer);
}, 30_000);

for (const run of runs) {
  if (run.sidecar) {
    describe(`state.${run.kind}`, () => defineStoreBlock(run.kind, run.transactional, run.sidecar));
  } else if (run.required) {
    describe(`state.${run.kind}`, () => {
      test("is reachable (required by REQUIRE_STORES or by default)", () => expect(run.problem).toBeNull());
    });
  } else {
    console.warn(`[state-stores] state.${run.kind} not tested (not required): ${run.problem}`);
  }
}

function defineStoreBlock(kind: StoreContext["kind"], transactional: boolean, sidecar: Sidecar) {
  const usedKeys = new Set<string>();
  const context: StoreContext = {
    kind,
    transactional,
    client: () => createDaprStateClient(sidecar.baseUrl, componentName),
    key: (name) => {
      const full = `contract-${runId}-${name}`;
      usedKeys.add(full);
      return full;
    },
  };

  afterAll(async () => {
    await Promise.all([...usedKeys].map((used) => context.client().remove(used)));
  }, 20_000);

  test("daprd loads the component under the ranking store name", async () => {
    const metadata = (await fetch(`${sidecar.baseUrl}/v1.0/metadata`).then((r) => r.json())) as {
      components: { name: string; type: string }[];
    };
    expect(metadata.components).toContainEqual(
      expect.objectContaining({ name: componentName, type: `state.${kind}` }),
    );
  });

  definePortableContract(context);
  defineKnownDifferences(context);
}
