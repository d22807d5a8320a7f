export { type BindingResult, type OutputBinding, outputBinding } from "./bindings.ts";
export { createSidecar, type Sidecar } from "./client.ts";
export { DaprError, EtagMismatchError, isEtagMismatch, SidecarUnavailableError } from "./errors.ts";
export { type DistributedLock, distributedLock } from "./lock.ts";
export { type PublishedMessage, type Publisher, publisher } from "./pubsub.ts";
export { decimal, type SqlDatabase, type SqlParam, sqlDatabase, toSqlDateTime, utcDateTime } from "./sql.ts";
export {
  type Concurrency,
  type StateEntry,
  type StateItem,
  type StateStore,
  stateStore,
  type TransactionOperation,
} from "./state.ts";
export { type SidecarOptions, type SidecarResponse, SidecarTransport } from "./transport.ts";
