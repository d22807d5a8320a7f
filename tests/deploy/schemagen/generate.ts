/**
 * Writes kubeconform schemas for a pinned Kubernetes version and pinned CRD sets into an output directory.
 * usage: bun generate.ts <swagger.json> <out-dir> <crd-dir>...
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { crdSchemas, parseYamlDocuments } from "./crd-schemas.ts";
import { kubernetesSchemas, strictDefinitions } from "./kubernetes-schemas.ts";

const [swaggerPath, outDir, ...crdDirs] = process.argv.slice(2);
if (swaggerPath === undefined || outDir === undefined) {
  throw new Error("usage: bun generate.ts <swagger.json> <out-dir> <crd-dir>...");
}
const swagger = JSON.parse(readFileSync(swaggerPath, "utf8"));
const generated = kubernetesSchemas(swagger);
const k8sDefinitions = strictDefinitions(swagger);
for (const dir of crdDirs) {
  for (const file of readdirSync(dir)
    .filter((name) => name.endsWith(".yaml"))
    .sort()) {
    generated.push(...crdSchemas(parseYamlDocuments(readFileSync(join(dir, file), "utf8")), k8sDefinitions));
  }
}
mkdirSync(outDir, { recursive: true });
for (const { file, schema } of generated) writeFileSync(join(outDir, file), JSON.stringify(schema));
console.log(`wrote ${generated.length} schemas to ${outDir}`);
