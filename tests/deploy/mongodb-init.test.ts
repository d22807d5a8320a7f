import { describe, expect, test } from "bun:test";
import type { K8sObject } from "./support/k8s-types.ts";
import { objectsOf, renderingNamed } from "./support/rendered.ts";

type ReplicaSetConfig = { _id: string; members: { _id: number; host: string }[] };

/** The mongosh script of the replica-set init Job, run against a stand-in `rs`. */
async function runInitScript(environment: string, statusError: { codeName: string } | null) {
  const objects = await objectsOf(renderingNamed(environment));
  const job = objects.find(
    (object) => object.kind === "Job" && object.metadata.name === "mongodb-init",
  ) as K8sObject;
  const command = job.spec.template.spec.containers[0].args[0] as string;
  const script = command.slice(command.indexOf("--eval '") + "--eval '".length, command.lastIndexOf("'"));
  const initiated: ReplicaSetConfig[] = [];
  const printed: string[] = [];
  const rs = {
    status: () => {
      if (statusError !== null) throw statusError;
    },
    initiate: (config: ReplicaSetConfig) => initiated.push(config),
  };
  new Function("rs", "print", script)(rs, (line: string) => printed.push(line));
  const statefulSet = objects.find(
    (object) => object.kind === "StatefulSet" && object.metadata.name === "mongodb",
  );
  return { initiated, printed, replicas: statefulSet?.spec.replicas as number };
}

describe("MongoDB replica-set init job", () => {
  for (const environment of ["staging", "production"]) {
    test(`${environment}: a fresh set is initiated with every member of the StatefulSet`, async () => {
      const { initiated, replicas } = await runInitScript(environment, { codeName: "NotYetInitialized" });
      expect(initiated).toHaveLength(1);
      expect(initiated[0]?._id).toBe("rs0");
      expect(initiated[0]?.members.map((member) => member.host)).toEqual(
        Array.from(
          { length: replicas },
          (_, i) =>
            `mongodb-${i}.mongodb-headless.${environment === "staging" ? "trip-service-staging" : "trip-service"}.svc.cluster.local:27017`,
        ),
      );
    });
  }

  test("an initiated set is left alone (the hook runs on every upgrade)", async () => {
    const { initiated, printed } = await runInitScript("production", null);
    expect(initiated).toEqual([]);
    expect(printed).toEqual(["replica set already initiated"]);
  });

  test("any other error fails the job (it is retried) instead of re-initiating", async () => {
    await expect(runInitScript("production", { codeName: "NetworkTimeout" })).rejects.toEqual({
      codeName: "NetworkTimeout",
    });
  });
});
