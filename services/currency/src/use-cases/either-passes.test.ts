import { describe, expect, test } from "bun:test";
import { eitherPasses } from "./either-passes.ts";

const passes = async () => true;
const fails = async () => false;
const throws = async (): Promise<boolean> => {
  throw new Error("sidecar unreachable");
};

describe("eitherPasses (readiness: the cache or the database must answer)", () => {
  test("one answering store is enough", async () => {
    expect(await eitherPasses(throws, passes)()).toBe(true);
    expect(await eitherPasses(passes, fails)()).toBe(true);
  });
  test("neither answering is not ready", async () => {
    expect(await eitherPasses(throws, fails)()).toBe(false);
  });
  test("answers as soon as one store passes, even while the other hangs (Redis down → sidecar timeout)", async () => {
    const hangs = () => new Promise<boolean>(() => {});
    const result = await Promise.race([
      eitherPasses(hangs, passes)(),
      Bun.sleep(500).then(() => "timed out"),
    ]);
    expect(result).toBe(true);
  });
});
