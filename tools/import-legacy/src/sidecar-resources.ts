/**
 * Renders the resources of the import's own sidecar (app id `import-legacy`): the `trip-db` binding of a
 * component profile and the secret store, scoped to this app only — the services' sidecars never see it.
 *
 *   bun tools/import-legacy/src/sidecar-resources.ts --out .run/import-legacy/resources [--secrets file.json]
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { renderResources } from "../../../scripts/lib/render-resources.ts";

export const IMPORT_APP_ID = "import-legacy";

export const renderImportResources = (outDir: string, secretsFile?: string): string[] =>
  renderResources({
    profile: "local",
    outDir,
    only: ["trip-db"],
    scopes: [IMPORT_APP_ID],
    ...(secretsFile ? { secretsFile } : {}),
  });

if (import.meta.main) {
  const { values } = parseArgs({ options: { out: { type: "string" }, secrets: { type: "string" } } });
  const outDir = resolve(values.out ?? ".run/import-legacy/resources");
  renderImportResources(outDir, values.secrets ? resolve(values.secrets) : undefined);
  console.log(`rendered the ${IMPORT_APP_ID} sidecar's resources into ${outDir}`);
}
