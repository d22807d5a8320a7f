/**
 * Builds the publishable package: `index.js` (the source bundled for Node, dependencies left external)
 * and one `.d.ts` per source module whose relative imports name `.js` files, as a consumer resolves them.
 * usage: bun run build [outDir]   (default: dist; the package's build test builds into a temporary folder)
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { $, Glob } from "bun";

const packageDir = resolve(import.meta.dir, "..");
const outDir = resolve(packageDir, process.argv[2] ?? "dist");

rmSync(outDir, { recursive: true, force: true });
$.cwd(packageDir);
// `testing/index.js` imports the main entry by name (external), so Node shares one copy of its classes.
await $`bun build src/index.ts src/testing/index.ts --root src --outdir ${outDir} --target node --packages external`.quiet();
await $`tsc -p tsconfig.build.json --outDir ${outDir}`;

// tsc keeps the source's `./x.ts` specifiers in declarations (`from "./x.ts"`, `import("./x.ts")`).
const tsSpecifier = /((?:from |import\()["']\.{1,2}\/[^"']*)\.ts(["'])/g;
for await (const file of new Glob("**/*.d.ts").scan(outDir)) {
  const path = join(outDir, file);
  const text = readFileSync(path, "utf8");
  const rewritten = text.replace(tsSpecifier, "$1.js$2");
  if (rewritten !== text) writeFileSync(path, rewritten);
}
