/**
 * The deployable apps of the monorepo: Dapr app id (= image name = chart key), source folder, Dockerfile.
 * tests/deploy checks this list against packages/shared's APP_IDS and the chart's `apps`.
 */
export type App = { id: string; dir: string; dockerfile: string };

export const apps: readonly App[] = [
  { id: "currency-service", dir: "services/currency", dockerfile: "services/currency/Dockerfile" },
  { id: "ranking-service", dir: "services/ranking", dockerfile: "services/ranking/Dockerfile" },
  { id: "history-service", dir: "services/history", dockerfile: "services/history/Dockerfile" },
  { id: "data-ingestor", dir: "services/data-ingestor", dockerfile: "services/data-ingestor/Dockerfile" },
  { id: "web", dir: "web", dockerfile: "web/Dockerfile" },
];

export const appIds = apps.map((app) => app.id);

export function isAppId(value: string): boolean {
  return appIds.includes(value);
}

if (import.meta.main) {
  // usage: bun scripts/ci/apps.ts <app id>...   prints "<app id> <Dockerfile>" per app (fails on unknown ids)
  for (const id of process.argv.slice(2)) {
    const app = apps.find((candidate) => candidate.id === id);
    if (app === undefined) throw new Error(`unknown app id ${id}`);
    console.log(`${app.id} ${app.dockerfile}`);
  }
}
