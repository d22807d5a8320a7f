/**
 * Test doubles for the shared ports, as `@trip/shared/testing` (kept out of the main entry so no service
 * ships them).
 * @example import { inMemoryStateStore } from "@trip/shared/testing";
 */
export { type InMemoryStateStore, inMemoryStateStore, type StateOperation } from "./in-memory-state-store.ts";
