import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sentryMtls } from "../support/sentry.ts";
import { localSecrets, repoRoot, runDir, tripCache } from "./support/environment.ts";
import { eventually } from "./support/eventually.ts";
import { testResources } from "./support/resources.ts";
import { freePort } from "./support/sidecar.ts";

// dapr/dapr.yaml's `common` section, unchanged but for absolute paths, runs a trivial app on spare ports:
// the same CLI path as scripts/up.sh (runtime path, tokens from the environment, no placement/scheduler).
const workDir = join(runDir, "test-infra", "run-template");
const appId = "infra-run-template";
let ports: { app: number; http: number; grpc: number; metrics: number };
let cli: ReturnType<typeof Bun.spawn>;
const log = () => readFileSync(join(workDir, "dapr-run.log"), "utf8");

function writeTemplate(resourcesDir: string): string {
  const template = readFileSync(join(repoRoot, "dapr", "dapr.yaml"), "utf8");
  const common = /^common:\n(?:(?: {2}.*)?\n)*?(?=apps:)/m.exec(template)?.[0];
  if (!common) throw new Error("dapr/dapr.yaml has no common section");
  const file = join(workDir, "dapr.yaml");
  writeFileSync(
    file,
    `version: 1\n${common
      .replace("- ../.run/resources", `- ${resourcesDir}`)
      .replace(
        "configFilePath: ./config.yaml",
        `configFilePath: ${join(repoRoot, "dapr", "config.yaml")}`,
      )}apps:
  - appID: ${appId}
    appDirPath: ${join(repoRoot, "tests", "infra", "apps")}
    command: ["bun", "token-probe.ts"]
    appPort: ${ports.app}
    daprHTTPPort: ${ports.http}
    daprGRPCPort: ${ports.grpc}
    metricsPort: ${ports.metrics}
    env:
      PORT: "${ports.app}"
`,
  );
  return file;
}

beforeAll(async () => {
  mkdirSync(workDir, { recursive: true });
  ports = {
    app: await freePort(),
    http: await freePort(),
    grpc: await freePort(),
    metrics: await freePort(),
  };
  const resourcesDir = testResources("run-template", {
    appIds: [appId],
    only: ["cron-ranking"],
    metadata: { "cron-ranking": { schedule: "@every 1s" } },
  });
  const secrets = localSecrets();
  cli = Bun.spawn(
    [join(tripCache, "bin", "dapr"), "run", "-f", writeTemplate(resourcesDir), "--log-as-json"],
    {
      cwd: repoRoot,
      env: {
        ...Bun.env,
        ...sentryMtls().env,
        DAPR_RUNTIME_PATH: join(tripCache, "dapr-runtime"),
        DAPR_API_TOKEN: secrets["dapr-api-token"],
        APP_API_TOKEN: secrets["app-api-token"],
      },
      stdout: Bun.file(join(workDir, "dapr-run.log")),
      stderr: "inherit",
    },
  );
  await eventually(
    "the app and its sidecar",
    async () => {
      if (cli.exitCode !== null) throw new Error(`dapr run exited:\n${log()}`);
      const health = await fetch(`http://127.0.0.1:${ports.http}/v1.0/healthz`).catch(() => undefined);
      return health?.status === 204 ? true : undefined;
    },
    40_000,
  );
}, 60_000);

afterAll(async () => {
  // The same stop as scripts/down.sh: by the CLI's pid and its process group.
  const pidDir = join(workDir, "pids");
  mkdirSync(pidDir, { recursive: true });
  writeFileSync(join(pidDir, "run-template.pid"), String(cli.pid));
  const stop = Bun.spawn(
    [
      "bash",
      "-c",
      `root='${repoRoot}'; source scripts/infra/common.sh; pid_dir='${pidDir}'; stop_group run-template dapr`,
    ],
    { cwd: repoRoot, stdout: "inherit", stderr: "inherit" },
  );
  await stop.exited;
});

describe("the run template (dapr run -f) without dapr init", () => {
  test("the CLI finds the pinned daprd and starts it without placement or scheduler", () => {
    expect(log()).toContain("Starting Dapr Runtime -- version 1.16.5");
    expect(log()).toContain("No scheduler host addresses provided. Scheduler disabled");
    expect(log()).not.toContain("Failed to connect to scheduler");
  });

  test("mTLS is on (dapr/config.yaml) and the sidecar gets its identity from the local Sentry", () => {
    expect(log()).toContain("Fetching initial identity");
    expect(log()).toContain("Security is initialized successfully");
  });

  test("the app and its sidecar both get their tokens from the CLI's environment", async () => {
    const probe = (await (await fetch(`http://127.0.0.1:${ports.app}/probe`)).json()) as Record<
      string,
      unknown
    >;
    expect(probe).toMatchObject({
      appId,
      appTokenSet: true,
      sidecarWithToken: 200,
      sidecarWithoutToken: 401,
    });
  });

  test("cron calls carry the app token; app health probes do not, so /health must stay open", async () => {
    type Probe = { pathsCalledWithToken: string[]; pathsCalledWithoutToken: string[] };
    const probe = await eventually(
      "a cron tick and a health probe",
      async () => {
        const seen = (await (await fetch(`http://127.0.0.1:${ports.app}/probe`)).json()) as Probe;
        const done =
          seen.pathsCalledWithToken.includes("/cron-ranking") && seen.pathsCalledWithoutToken.length > 0;
        return done ? seen : undefined;
      },
      12_000,
    );
    expect(probe.pathsCalledWithToken).toContain("/cron-ranking");
    expect(probe.pathsCalledWithToken).not.toContain("/health");
    expect(probe.pathsCalledWithoutToken).toEqual(["/health"]);
  }, 15_000);
});
