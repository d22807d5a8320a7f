import { expect, test } from "bun:test";
import { chmodSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "../../deploy/tool-paths.ts";
import type { K8sObject } from "./support/k8s-types.ts";

test("deploy/create-secrets.sh fills every placeholder of k8s/secrets.yaml and hands the Secrets to kubectl", async () => {
  // A stand-in kubectl records what it would have created.
  const bin = mkdtempSync(join(tmpdir(), "fake-kubectl-"));
  const captured = join(bin, "captured.yaml");
  await Bun.write(
    join(bin, "kubectl"),
    `#!/usr/bin/env bash\necho "$@" > "${captured}.args"\ncat > "${captured}"\n`,
  );
  chmodSync(join(bin, "kubectl"), 0o755);
  const proc = Bun.spawnSync(["bash", join(repoRoot, "deploy/create-secrets.sh")], {
    env: {
      ...process.env,
      PATH: `${bin}:${process.env.PATH}`,
      NAMESPACE: "trip-service-staging",
      MARIADB_PASSWORD: "pw123",
    },
  });
  expect(proc.exitCode).toBe(0);

  const text = readFileSync(captured, "utf8");
  expect(text).not.toMatch(/: "\$\{/);
  const secrets = Bun.YAML.parse(text) as K8sObject[];
  expect(secrets.map((secret) => secret.metadata.namespace)).toEqual(
    Array(secrets.length).fill("trip-service-staging"),
  );
  const infra = secrets.find((secret) => secret.metadata.name === "trip-service-secrets")?.stringData ?? {};
  expect(infra["mariadb-password"]).toBe("pw123");
  expect(infra["mysql-dsn"]).toStartWith(
    "trip:pw123@tcp(mariadb.trip-service-staging.svc.cluster.local:3306)/trip?",
  );
  expect(infra["mongodb-keyfile"]?.length).toBe(1008);
  const tokens = secrets.flatMap((secret) => Object.values(secret.stringData ?? {}));
  expect(new Set(tokens).size).toBe(tokens.length); // every generated value is distinct
  expect(readFileSync(`${captured}.args`, "utf8")).toContain("create --namespace trip-service-staging -f -");
});
