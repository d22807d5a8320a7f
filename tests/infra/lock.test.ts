import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { runId } from "./support/environment.ts";
import type { Sidecar } from "./support/sidecar.ts";
import { type Stack, startStack } from "./support/stack.ts";

let stack: Stack;
let sidecar: Sidecar;
const resourceId = `infra-test-${runId}`;

const post = async (path: string, body: unknown) => {
  const response = await sidecar.fetch(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};
const lock = (lockOwner: string, expiryInSeconds = 30) =>
  post("/v1.0-alpha1/lock/lockstore", { resourceId, lockOwner, expiryInSeconds });
const unlock = (lockOwner: string) => post("/v1.0-alpha1/unlock/lockstore", { resourceId, lockOwner });

beforeAll(async () => {
  stack = await startStack("lock", { only: ["lockstore"], members: [{ appId: "infra-lock" }] });
  sidecar = stack.members[0]?.sidecar as Sidecar;
}, 60_000);
afterAll(() => stack?.stop());

describe("distributed lock (lock.redis)", () => {
  test("one owner acquires; a second owner is refused while it is held", async () => {
    expect(await lock("replica-1")).toEqual({ status: 200, body: { success: true } });
    expect(await lock("replica-2")).toEqual({ status: 200, body: { success: false } });
  });

  test("only the owner can release; then the other owner acquires", async () => {
    expect((await unlock("replica-2")).body).toEqual({ status: 2 });
    expect((await unlock("replica-1")).body).toEqual({ status: 0 });
    expect((await unlock("replica-1")).body).toEqual({ status: 1 });
    expect((await lock("replica-2")).body).toEqual({ success: true });
    await unlock("replica-2");
  });

  test("an expired lock can be taken by another owner", async () => {
    expect((await lock("replica-1", 1)).body).toEqual({ success: true });
    await Bun.sleep(1_500);
    expect((await lock("replica-2")).body).toEqual({ success: true });
    await unlock("replica-2");
  });
});
