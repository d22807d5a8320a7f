/** Test apps with their sidecars, started together for one suite and stopped together. */
import type { Profile } from "../../../scripts/lib/render-resources.ts";
import { localSecrets } from "./environment.ts";
import { testResources } from "./resources.ts";
import { type Sidecar, startSidecar } from "./sidecar.ts";
import { startTestApp, type TestApp } from "./test-app.ts";

export interface StackMember {
  app: TestApp;
  sidecar: Sidecar;
}

export interface Stack {
  members: StackMember[];
  stop(): Promise<void>;
}

export interface StackOptions {
  profile?: Profile;
  /** Component names each sidecar loads (plus the secret store). */
  only: readonly string[];
  metadata?: Record<string, Record<string, string>>;
  members: ReadonlyArray<{ appId: string; beforeSidecar?: (app: TestApp) => void }>;
}

export async function startStack(suite: string, options: StackOptions): Promise<Stack> {
  const appIds = options.members.map((member) => member.appId);
  const resourcesDir = testResources(suite, {
    appIds,
    only: options.only,
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.metadata ? { metadata: options.metadata } : {}),
  });
  const appToken = localSecrets()["app-api-token"];
  const apps = options.members.map((member) => {
    const app = startTestApp(appToken);
    member.beforeSidecar?.(app);
    return app;
  });
  const started = await Promise.allSettled(
    options.members.map((member, index) =>
      startSidecar({ appId: member.appId, appPort: apps[index]?.port ?? 0, resourcesDir }),
    ),
  );
  const sidecars = started.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
  const stop = async () => {
    await Promise.all(sidecars.map((sidecar) => sidecar.stop()));
    await Promise.all(apps.map((app) => app.stop()));
  };
  const failure = started.find((result) => result.status === "rejected");
  if (failure) {
    await stop();
    throw failure.reason;
  }
  return {
    members: apps.map((app, index) => ({ app, sidecar: sidecars[index] as Sidecar })),
    stop,
  };
}
