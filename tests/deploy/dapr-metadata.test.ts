import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { toolPaths } from "../../deploy/tool-paths.ts";
import type { K8sObject } from "./support/k8s-types.ts";
import { objectsOf, renderings } from "./support/rendered.ts";

// Both lists come from the pinned Dapr module (scripts/setup/test-tools.sh): the injector's annotation
// names and the metadata.yaml of each component type in the components-contrib version Dapr is built with.
const { schemas } = toolPaths();
const knownAnnotations = new Set(
  readFileSync(join(schemas, "dapr-annotations.txt"), "utf8").split("\n").filter(Boolean),
);

/** Fields the Dapr runtime reads for every component of a category (not in the per-type metadata.yaml). */
const runtimeFields: Record<string, string[]> = {
  state: ["keyPrefix", "actorStateStore"],
  bindings: ["direction", "route"],
  pubsub: ["consumerID"],
};

type Field = { name: string };
type ComponentMetadata = {
  version: string;
  metadata?: Field[];
  authenticationProfiles?: { metadata?: Field[] }[];
};

function documentedFields(type: string): { version: string; fields: Set<string> } {
  const [category = "", ...rest] = type.split(".");
  const file = join(schemas, "dapr-components", category, rest.join("/"), "metadata.yaml");
  const metadata = Bun.YAML.parse(readFileSync(file, "utf8")) as ComponentMetadata;
  const fields = [
    ...(metadata.metadata ?? []),
    ...(metadata.authenticationProfiles ?? []).flatMap((profile) => profile.metadata ?? []),
  ].map((field) => field.name);
  return { version: metadata.version, fields: new Set([...fields, ...(runtimeFields[category] ?? [])]) };
}

for (const rendering of renderings) {
  describe(`Dapr accepts what the chart renders with ${rendering.name} values`, () => {
    test("every dapr.io annotation is one Dapr's sidecar injector knows", async () => {
      expect(knownAnnotations.size).toBeGreaterThan(40);
      for (const object of await objectsOf(rendering)) {
        const annotations = object.spec?.template?.metadata?.annotations ?? {};
        for (const key of Object.keys(annotations).filter((name) => name.startsWith("dapr.io/"))) {
          expect({ key, known: knownAnnotations.has(key) }).toEqual({ key, known: true });
        }
      }
    });

    test("every component uses only metadata fields its type documents, at its version", async () => {
      const components = (await objectsOf(rendering)).filter(
        (object: K8sObject) => object.kind === "Component",
      );
      for (const component of components) {
        const { version, fields } = documentedFields(component.spec.type);
        expect({ component: component.metadata.name, version: component.spec.version }).toEqual({
          component: component.metadata.name,
          version,
        });
        for (const field of component.spec.metadata as Field[]) {
          expect({
            component: component.metadata.name,
            field: field.name,
            documented: fields.has(field.name),
          }).toEqual({
            component: component.metadata.name,
            field: field.name,
            documented: true,
          });
        }
      }
    });
  });
}
