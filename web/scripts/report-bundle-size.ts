/**
 * Prints the initial JavaScript of the built UI (the entry chunk and every chunk index.html preloads),
 * raw and gzipped as the web app serves it, and fails when it exceeds the budget.
 * Usage: bun scripts/report-bundle-size.ts [distDir]   (run by `bun run build`)
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const BUDGET_GZIP_BYTES = 200 * 1024;
const distDir = process.argv[2] ?? join(import.meta.dir, "..", "dist");
const html = readFileSync(join(distDir, "index.html"), "utf8");

const entry = [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]);
const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]);
const chunks = [...new Set([...entry, ...preloads])].filter((src): src is string => src !== undefined);
if (chunks.length === 0) throw new Error(`no module script in ${join(distDir, "index.html")}`);

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
let raw = 0;
let gzipped = 0;
for (const src of chunks) {
  const body = readFileSync(join(distDir, src.replace(/^\//, "")));
  const size = gzipSync(body, { level: 9 }).length;
  raw += body.length;
  gzipped += size;
  console.log(`  ${src}  ${kb(body.length)}  gzip ${kb(size)}`);
}
console.log(`initial JavaScript: ${kb(raw)} raw, ${kb(gzipped)} gzipped (budget ${kb(BUDGET_GZIP_BYTES)})`);
if (gzipped > BUDGET_GZIP_BYTES) {
  console.error("initial JavaScript is over budget");
  process.exit(1);
}
