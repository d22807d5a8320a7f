/** The subset of Kubernetes object shapes the deployment policy tests read. */
export type Metadata = {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
};

export type EnvVar = {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name: string; key: string };
    configMapKeyRef?: { name: string; key: string };
  };
};

export type Probe = { httpGet?: { path: string; port: string | number } };

export type SecurityContext = {
  runAsNonRoot?: boolean;
  runAsUser?: number;
  allowPrivilegeEscalation?: boolean;
  readOnlyRootFilesystem?: boolean;
  capabilities?: { drop?: string[] };
  seccompProfile?: { type: string };
};

export type Container = {
  name: string;
  image: string;
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string } }[];
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: SecurityContext;
};

export type PodTemplate = {
  metadata: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: { containers: Container[]; initContainers?: Container[]; securityContext?: SecurityContext };
};

export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: Metadata;
  // biome-ignore lint/suspicious/noExplicitAny: specs differ per kind; tests narrow them where they read
  spec?: any;
  scopes?: string[];
  stringData?: Record<string, string>;
  data?: Record<string, string>;
};

/** The pod template of a workload (Deployment, StatefulSet, Job), if the object has one. */
export function podTemplateOf(object: K8sObject): PodTemplate | undefined {
  return ["Deployment", "StatefulSet", "Job"].includes(object.kind) ? object.spec?.template : undefined;
}

/** Every container of a pod template, init containers included. */
export function containersOf(template: PodTemplate): Container[] {
  return [...(template.spec.initContainers ?? []), ...template.spec.containers];
}
