/**
 * The local cluster has no dynamic volume provisioner, so deploy/local-cluster/install.sh gives every
 * claim a StatefulSet will make a `local` PersistentVolume of its own storage class, pre-bound to that
 * claim (claimRef), backed by a directory on this machine owned by the pod's user. Reads rendered
 * manifests (`helm template` of the trip-service chart and Dapr's) on stdin, creates the directories and
 * prints the StorageClass and PersistentVolumes to apply.
 * usage: helm template ... | bun deploy/local-cluster/volumes.ts --node trip-node --root /var/lib/x --class trip-local
 */
import { chownSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";

/** Label on everything this script makes, so install.sh can find (and uninstall remove) exactly those. */
export const MANAGED_BY = "trip-local-volumes";

type StatefulSet = {
  kind: string;
  metadata: { name: string; namespace?: string };
  spec: {
    replicas?: number;
    template: { spec: { securityContext?: { runAsUser?: number; fsGroup?: number } } };
    volumeClaimTemplates?: {
      metadata: { name: string };
      spec: { storageClassName?: string; resources: { requests: { storage: string } } };
    }[];
  };
};

/** Every object of a multi-document YAML stream (subcharts included, comments and empty documents skipped). */
export function objectsIn(stream: string): Record<string, unknown>[] {
  return stream
    .split(/^---\s*$/m)
    .map((document) => Bun.YAML.parse(document) as Record<string, unknown> | null)
    .filter((object): object is Record<string, unknown> => object !== null && typeof object === "object");
}

export type Volume = { namespace: string; claim: string; size: string; uid: number; gid: number };

/** The claims `<template>-<statefulset>-<ordinal>` of every StatefulSet asking for `storageClass`. */
export function volumesOf(objects: Record<string, unknown>[], storageClass: string): Volume[] {
  const volumes: Volume[] = [];
  for (const object of objects as StatefulSet[]) {
    if (object.kind !== "StatefulSet") continue;
    const security = object.spec.template.spec.securityContext ?? {};
    // Images run as their own user when the pod names none (Dapr's scheduler: 65532, its fsGroup).
    const uid = security.runAsUser ?? security.fsGroup ?? 0;
    const gid = security.fsGroup ?? uid;
    for (const template of object.spec.volumeClaimTemplates ?? []) {
      if (template.spec.storageClassName !== storageClass) continue;
      for (let ordinal = 0; ordinal < (object.spec.replicas ?? 1); ordinal++) {
        volumes.push({
          namespace: object.metadata.namespace ?? "default",
          claim: `${template.metadata.name}-${object.metadata.name}-${ordinal}`,
          size: template.spec.resources.requests.storage,
          uid,
          gid,
        });
      }
    }
  }
  return volumes;
}

/** The StorageClass (no provisioner: binding waits for the pod) and one pre-bound local PV per volume. */
export function manifestOf(
  volumes: Volume[],
  options: { node: string; root: string; storageClass: string },
): string {
  const storageClass = {
    apiVersion: "storage.k8s.io/v1",
    kind: "StorageClass",
    metadata: { name: options.storageClass, labels: { "app.kubernetes.io/managed-by": MANAGED_BY } },
    provisioner: "kubernetes.io/no-provisioner",
    volumeBindingMode: "WaitForFirstConsumer",
    reclaimPolicy: "Retain",
  };
  const volumeObjects = volumes.map((volume) => ({
    apiVersion: "v1",
    kind: "PersistentVolume",
    metadata: {
      name: `${options.storageClass}-${volume.namespace}-${volume.claim}`,
      labels: { "app.kubernetes.io/managed-by": MANAGED_BY },
    },
    spec: {
      capacity: { storage: volume.size },
      accessModes: ["ReadWriteOnce"],
      // Retain: a deleted claim leaves its data; install.sh wipes and recreates a Released volume.
      persistentVolumeReclaimPolicy: "Retain",
      storageClassName: options.storageClass,
      claimRef: { namespace: volume.namespace, name: volume.claim },
      local: { path: join(options.root, volume.namespace, volume.claim) },
      nodeAffinity: {
        required: {
          nodeSelectorTerms: [
            { matchExpressions: [{ key: "kubernetes.io/hostname", operator: "In", values: [options.node] }] },
          ],
        },
      },
    },
  }));
  return [storageClass, ...volumeObjects].map((object) => JSON.stringify(object)).join("\n---\n");
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: { node: { type: "string" }, root: { type: "string" }, class: { type: "string" } },
  });
  const { node, root, class: storageClass } = values;
  if (!node || !root || !storageClass)
    throw new Error("usage: volumes.ts --node NODE --root DIR --class CLASS");
  const volumes = volumesOf(objectsIn(await Bun.stdin.text()), storageClass);
  for (const volume of volumes) {
    // The directory exists before the pod starts (a local PV never creates it), owned by the pod's user.
    const path = join(root, volume.namespace, volume.claim);
    mkdirSync(path, { recursive: true, mode: 0o750 });
    chownSync(path, volume.uid, volume.gid);
  }
  console.log(manifestOf(volumes, { node, root, storageClass }));
}
