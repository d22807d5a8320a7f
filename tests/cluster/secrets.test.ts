import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  appPod,
  DAPR_HTTP_PORT,
  type Forward,
  getJson,
  kubectl,
  kubectlJson,
  NAMESPACE,
  portForward,
  secretValue,
} from "./support/cluster.ts";

/**
 * The Kubernetes secret store: the apps read `admin-token` (and `user-hash-salt`) through their sidecar;
 * the Dapr Configuration's secret scope denies every other entry, and the sidecars' RBAC Role lets their
 * service accounts `get` only those two Secrets — so even a sidecar without the scope could not read more.
 */
const forwards: Forward[] = [];
const scratch = mkdtempSync(join(tmpdir(), "trip-cluster-secrets-"));
afterAll(() => {
  for (const forward of forwards) forward.close();
  rmSync(scratch, { recursive: true, force: true });
});

const sidecarOf = async (id: "currency-service" | "data-ingestor") => {
  const forward = await portForward(appPod(id).metadata.name, DAPR_HTTP_PORT);
  forwards.push(forward);
  const token = secretValue("trip-service-dapr-api-token", "token");
  return (path: string) => getJson(`${forward.url}${path}`, { headers: { "dapr-api-token": token } });
};

/** kubectl as a service account of the release, with a short-lived token and nothing of the admin's. */
const asServiceAccount = (account: string, args: string[]) => {
  const token = kubectl(["-n", NAMESPACE, "create", "token", account, "--duration=10m"]).stdout.trim();
  const admin = kubectlJson(["config", "view", "--raw", "--minify"]);
  const cluster = admin.clusters[0].cluster as Record<string, string>;
  const kubeconfig = join(scratch, `${account}.json`);
  writeFileSync(
    kubeconfig,
    JSON.stringify({
      apiVersion: "v1",
      kind: "Config",
      clusters: [{ name: "local", cluster }],
      users: [{ name: account, user: { token } }],
      contexts: [{ name: account, context: { cluster: "local", user: account, namespace: NAMESPACE } }],
      "current-context": account,
    }),
  );
  return kubectl(args, { kubeconfig, allowFailure: true });
};

describe("Kubernetes secret store and its RBAC", () => {
  test("a sidecar serves admin-token from the Secret of that name", async () => {
    const call = await sidecarOf("data-ingestor");
    const { status, body } = await call("/v1.0/secrets/secretstore/admin-token");
    expect(status).toBe(200);
    expect(body).toEqual({ "admin-token": secretValue("admin-token", "admin-token") });
  });

  test("the secret scope denies any other Secret, even one that exists in the namespace", async () => {
    const call = await sidecarOf("currency-service");
    for (const name of ["trip-service-secrets", "trip-service-dapr-api-token"]) {
      expect(kubectl(["-n", NAMESPACE, "get", "secret", name]).code).toBe(0);
      const { status, body } = await call(`/v1.0/secrets/secretstore/${name}`);
      expect({ name, status, code: body.errorCode }).toEqual({
        name,
        status: 403,
        code: "ERR_PERMISSION_DENIED",
      });
    }
  });

  test("RBAC: an app's service account may get the two store entries and nothing else", () => {
    for (const account of ["currency-service", "web"]) {
      const allowed = asServiceAccount(account, ["get", "secret", "admin-token", "-o", "name"]);
      expect({ account, code: allowed.code, out: allowed.stdout.trim() }).toEqual({
        account,
        code: 0,
        out: "secret/admin-token",
      });
      for (const args of [
        ["get", "secret", "trip-service-secrets"],
        ["get", "secret", "trip-service-app-api-token"],
        ["get", "secrets"],
      ]) {
        const denied = asServiceAccount(account, args);
        expect({ account, args, code: denied.code }).toEqual({ account, args, code: 1 });
        expect(denied.stderr).toContain("Forbidden");
      }
    }
    // The authorizer's own answer for a service account's identity.
    const canI = (verb: string, resource: string) =>
      kubectl(
        [
          "-n",
          NAMESPACE,
          "auth",
          "can-i",
          verb,
          resource,
          `--as=system:serviceaccount:${NAMESPACE}:ranking-service`,
        ],
        { allowFailure: true },
      ).stdout.trim();
    expect(canI("get", "secret/user-hash-salt")).toBe("yes");
    expect(canI("get", "secret/trip-service-secrets")).toBe("no");
    expect(canI("list", "secrets")).toBe("no");
  });
});
