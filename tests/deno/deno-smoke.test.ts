/**
 * Each service is written against web-standard APIs only, so the same code starts unmodified under
 * Deno 2 (`deno serve` on the module's default `{ fetch }` export). Without a sidecar the apps still
 * answer /health (degraded), /openapi.json and the contract's 404 envelope.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { homedir } from "node:os";
import { join } from "node:path";
import type { Subprocess } from "bun";
import { installedTool, REPO_ROOT, waitFor } from "../support/stack.ts";

const deno = installedTool(
  join(process.env.TRIP_CACHE ?? join(homedir(), ".cache", "trip-service"), "bin", "deno"),
  "bash scripts/setup.sh (step: bun)",
);
const SERVICES = [
  { dir: "currency", id: "currency-service" },
  { dir: "ranking", id: "ranking-service" },
  { dir: "history", id: "history-service" },
  { dir: "data-ingestor", id: "data-ingestor" },
] as const;

/** A loopback port nothing listens on right now (other suites and stacks use fixed ones). */
const freePort = (): number => {
  const probe = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const { port } = probe;
  probe.stop(true);
  return port;
};

const started: Subprocess[] = [];
afterAll(async () => {
  // deno serve drains open keep-alive connections on SIGTERM; give it a moment, then make sure.
  for (const proc of started) proc.kill("SIGTERM");
  await Promise.race([Promise.all(started.map((p) => p.exited)), Bun.sleep(3000)]);
  for (const proc of started) if (proc.exitCode === null) proc.kill("SIGKILL");
  await Promise.all(started.map((p) => p.exited));
});

describe("the four services start unmodified under Deno 2", () => {
  for (const service of SERVICES) {
    test(`${service.id} serves /health, /openapi.json and the error envelope under deno serve`, async () => {
      const port = freePort();
      const proc = Bun.spawn(
        [deno, "serve", "-A", "--host", "127.0.0.1", "--port", String(port), "src/main.ts"],
        {
          cwd: join(REPO_ROOT, "services", service.dir),
          // A sidecar port nothing listens on: the app must start and report itself degraded.
          env: { ...process.env, PORT: String(port), DAPR_HTTP_PORT: "1", LOG_LEVEL: "error", NO_COLOR: "1" },
          stdout: "ignore",
          stderr: "pipe",
        },
      );
      started.push(proc);
      const health = await waitFor(
        `${service.id} under deno`,
        async () => {
          const res = await fetch(`http://127.0.0.1:${port}/health`);
          return res.status === 200
            ? ((await res.json()) as { data: { service: string; status: string } })
            : null;
        },
        { timeoutMs: 60_000, intervalMs: 250 },
      );
      expect(health.data.service).toBe(service.id);
      expect(health.data.status).toBe("degraded");
      const doc = (await (await fetch(`http://127.0.0.1:${port}/openapi.json`)).json()) as {
        info: { title: string };
      };
      expect(doc.info.title).toBe(service.id);
      const missing = await fetch(`http://127.0.0.1:${port}/no-such-route`);
      expect(missing.status).toBe(404);
      expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("NOT_FOUND");
    }, 90_000);
  }
});
