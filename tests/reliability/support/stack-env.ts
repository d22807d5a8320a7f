/** The running stack as this suite sees it: URLs, tokens, profile, what serves which port. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT, STACK, secrets } from "../../support/stack.ts";

export { REPO_ROOT, STACK };
export const RUN_DIR = join(REPO_ROOT, ".run");

export const tokens = () => {
  const s = secrets();
  return {
    admin: s["admin-token"] ?? "",
    app: s["app-api-token"] ?? "",
    dapr: s["dapr-api-token"] ?? "",
  };
};

/** The pub/sub profile the apps were started with (`scripts/up.sh --profile`), from `.run/profile`. */
export const stackProfile = (): "local" | "kafka" | "unknown" => {
  const file = join(RUN_DIR, "profile");
  if (!existsSync(file)) return "unknown";
  const profile = readFileSync(file, "utf8").trim();
  return profile === "local" || profile === "kafka" ? profile : "unknown";
};

/**
 * The pub/sub component type the running sidecars loaded: `pubsub.yaml` of the resources folder
 * scripts/up.sh rendered (`.run/resources`), or of `RELIABILITY_RESOURCES` when the suite is pointed at
 * other sidecars (with CURRENCY_URL etc., see tests/support/stack.ts).
 */
export const loadedPubsubType = (): string | undefined => {
  const file = join(process.env.RELIABILITY_RESOURCES ?? join(RUN_DIR, "resources"), "pubsub.yaml");
  if (!existsSync(file)) return undefined;
  return /^\s+type:\s*(\S+)/m.exec(readFileSync(file, "utf8"))?.[1];
};

export interface StackService {
  key: "currency" | "ranking" | "history" | "ingestor";
  appId: string;
  url: string;
  appPort: number;
  sidecarPort: number;
}

const portOf = (url: string): number => Number(new URL(url).port);

export const SERVICES: readonly StackService[] = [
  { key: "currency", appId: "currency-service", url: STACK.currency, sidecarUrl: STACK.sidecars.currency },
  { key: "ranking", appId: "ranking-service", url: STACK.ranking, sidecarUrl: STACK.sidecars.ranking },
  { key: "history", appId: "history-service", url: STACK.history, sidecarUrl: STACK.sidecars.history },
  { key: "ingestor", appId: "data-ingestor", url: STACK.ingestor, sidecarUrl: STACK.sidecars.ingestor },
].map(({ sidecarUrl, ...service }) => ({
  ...service,
  key: service.key as StackService["key"],
  appPort: portOf(service.url),
  sidecarPort: portOf(sidecarUrl),
}));

export const serviceOf = (key: StackService["key"]): StackService => {
  const service = SERVICES.find((s) => s.key === key);
  if (!service) throw new Error(`unknown service ${key}`);
  return service;
};

export const sidecarUrlOf = (service: StackService): string => `http://127.0.0.1:${service.sidecarPort}`;
