// How @dapr/dapr's client meets a sidecar at all: the pinned version, a sidecar that is down, and what
// it logs. Observed against a real daprd (and a port nobody listens on).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { LogLevel } from "@dapr/dapr";
import { createSidecar } from "../../packages/shared/src/dapr/client.ts";
import { SidecarUnavailableError } from "../../packages/shared/src/dapr/errors.ts";
import { COMPONENTS } from "../../packages/shared/src/names.ts";
import { repoRoot } from "../../scripts/lib/render-resources.ts";
import {
  closedPort,
  runPrefix,
  type SuiteSidecar,
  sdkClient,
  startSuiteSidecar,
} from "./support/sdk-sidecar.ts";

/** The version every behaviour in this suite was observed with (root package.json pins it exactly). */
const observedVersion = "3.18.0";
let suite: SuiteSidecar;

beforeAll(async () => {
  suite = await startSuiteSidecar("client");
});

afterAll(async () => {
  await suite?.sidecar.stop();
});

describe("@dapr/dapr client", () => {
  test(`the SDK under test is ${observedVersion}, pinned exactly: an upgrade re-runs this suite on purpose`, () => {
    const installed = JSON.parse(
      readFileSync(Bun.resolveSync("@dapr/dapr/package.json", repoRoot), "utf8"),
    ) as { version: string };
    const root = JSON.parse(readFileSync(`${repoRoot}/package.json`, "utf8")) as {
      devDependencies: Record<string, string>;
    };
    expect({ installed: installed.version, pinned: root.devDependencies["@dapr/dapr"] }).toEqual({
      installed: observedVersion,
      pinned: observedVersion,
    });
  });

  test("a call to a sidecar that is down waits for it (about 30 s) instead of failing", async () => {
    const { client } = sdkClient(closedPort);
    const call = client.state.get(COMPONENTS.cache, `${runPrefix}:unreachable`).then(
      () => "answered",
      () => "failed",
    );
    const after2s = await Promise.race([call, Bun.sleep(2000).then(() => "still waiting")]);
    expect(after2s).toBe("still waiting");
    // The package's own client gives up at once, which is what a request handler's 503 needs.
    const ours = createSidecar({ baseUrl: `http://127.0.0.1:${closedPort}` }).state(COMPONENTS.cache);
    const started = performance.now();
    await expect(ours.get(`${runPrefix}:unreachable`)).rejects.toBeInstanceOf(SidecarUnavailableError);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  test("at debug level it logs every request's headers, the dapr-api-token among them", async () => {
    const token = `${runPrefix}-not-a-real-token`;
    const { client, logged } = sdkClient(suite.httpPort, { apiToken: token, level: LogLevel.Debug });
    expect(await client.state.get(COMPONENTS.cache, `${runPrefix}:never-written`)).toBe("");
    expect(logged.filter((line) => line.startsWith("debug") && line.includes(token)).length).toBeGreaterThan(
      0,
    );
  });
});
