/**
 * The Argo CD project and staging application of argocd/, as the local cluster runs them: the same
 * objects with only the repository URL pointed at the git server scripts/delivery/argocd.sh runs, and
 * values-local.yaml layered between values-staging.yaml and the image tags (this machine has no registry,
 * no MongoDB and no ingress controller; the pipeline's image tags still win), its services on ClusterIPs
 * (install.sh's release holds the node's fixed NodePorts). Prints a JSON List for kubectl.
 * usage: bun scripts/delivery/local-application.ts --repo-url git://10.244.0.1:9418/trip-service.git
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";

type Source = {
  repoURL: string;
  helm?: { valueFiles?: string[]; valuesObject?: Record<string, unknown> };
};
export type Application = { metadata: { name: string }; spec: { source: Source } };
export type Project = { spec: { sourceRepos: string[] } };

const localValues = "values-local.yaml";
/** Inline values (above every value file): no NodePorts, which the release of install.sh already holds. */
const localOverrides = { appDefaults: { service: { type: "ClusterIP" } } };

/** The application with `repoUrl` as its source and values-local.yaml before the image-tags file. */
export function localApplication(application: Application, repoUrl: string): Application {
  const valueFiles = application.spec.source.helm?.valueFiles ?? [];
  const tagsAt = valueFiles.findIndex((file) => file.startsWith("image-tags/"));
  const at = tagsAt === -1 ? valueFiles.length : tagsAt;
  const files = [...valueFiles.slice(0, at), localValues, ...valueFiles.slice(at)];
  return {
    ...application,
    spec: {
      ...application.spec,
      source: {
        ...application.spec.source,
        repoURL: repoUrl,
        helm: { ...application.spec.source.helm, valueFiles: files, valuesObject: localOverrides },
      },
    },
  };
}

/** The project allowing `repoUrl` instead of the production repositories. */
export function localProject(project: Project, repoUrl: string): Project {
  return { ...project, spec: { ...project.spec, sourceRepos: [repoUrl] } };
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { "repo-url": { type: "string" } } });
  const repoUrl = values["repo-url"];
  if (!repoUrl) throw new Error("--repo-url is required");
  const dir = join(import.meta.dir, "../../argocd");
  const read = <T>(file: string) => Bun.YAML.parse(readFileSync(join(dir, file), "utf8")) as T;
  const items = [
    localProject(read<Project>("project.yaml"), repoUrl),
    localApplication(read<Application>("application-staging.yaml"), repoUrl),
  ];
  console.log(JSON.stringify({ apiVersion: "v1", kind: "List", items }, null, 2));
}
