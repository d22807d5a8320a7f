// What a group of contract tests gets from the describe block that owns the sidecar.
import type { DaprStateClient } from "./dapr-state-client.ts";
import type { StoreKind } from "./store-targets.ts";

export type StoreContext = {
  kind: StoreKind;
  /** False for state.mongodb without a replica set: Dapr refuses its transactions. */
  transactional: boolean;
  /** A client of the block's own sidecar, bound to the `rankings` component. */
  client: () => DaprStateClient;
  /** A key unique to this run; every key handed out is deleted after the block. */
  key: (name: string) => string;
};

/** Reads a key that a test has just written, failing the test when it is not there. */
export async function mustRead<T>(context: StoreContext, key: string) {
  const read = await context.client().get<T>(key);
  if (!read.found) throw new Error(`${key} was not found right after it was written`);
  return read;
}
