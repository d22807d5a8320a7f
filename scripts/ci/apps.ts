/**
 * The deployable apps of the monorepo: Dapr app id (= image name = chart key), source folder, Dockerfile
 * and its build arguments. The four services share one parameterised Dockerfile (`services/Dockerfile`:
 * SERVICE = the folder under services/, PORT = the contract port); the web has its own (it also builds
 * the UI bundle). tests/deploy checks this list against packages/shared's APP_IDS and the chart's `apps`.
 */
export type App = {
  id: string;
  dir: string;
  dockerfile: string;
  buildArgs: Readonly<Record<string, string>>;
};

export const SERVICE_DOCKERFILE = "services/Dockerfile";

const service = (id: string, folder: string, port: number): App => ({
  id,
  dir: `services/${folder}`,
  dockerfile: SERVICE_DOCKERFILE,
  buildArgs: { SERVICE: folder, PORT: String(port) },
});

export const apps: readonly App[] = [
  service("currency-service", "currency", 8001),
  service("ranking-service", "ranking", 8002),
  service("history-service", "history", 8003),
  service("data-ingestor", "data-ingestor", 8004),
  { id: "web", dir: "web", dockerfile: "web/Dockerfile", buildArgs: {} },
];

export const appIds = apps.map((app) => app.id);

export function isAppId(value: string): boolean {
  return appIds.includes(value);
}

/** `--build-arg NAME=value` for each of the app's build arguments, in a stable order. */
export const buildArgFlags = (app: App): string[] =>
  Object.entries(app.buildArgs).map(([name, value]) => `--build-arg ${name}=${value}`);

if (import.meta.main) {
  // usage: bun scripts/ci/apps.ts <app id>...
  // prints "<app id> <Dockerfile> [--build-arg NAME=value]..." per app (fails on unknown ids)
  for (const id of process.argv.slice(2)) {
    const app = apps.find((candidate) => candidate.id === id);
    if (app === undefined) throw new Error(`unknown app id ${id}`);
    console.log([app.id, app.dockerfile, ...buildArgFlags(app)].join(" "));
  }
}
