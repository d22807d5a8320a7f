import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative, sep } from "node:path";
import { gzipSync } from "node:zlib";

export interface StaticAsset {
  body: Uint8Array<ArrayBuffer>;
  /** Pre-compressed copy, kept only when it is actually smaller. */
  gzipped: Uint8Array<ArrayBuffer> | undefined;
  contentType: string;
  /** Vite's content-hashed files under /assets never change under the same name. */
  immutable: boolean;
}

export type StaticAssets = ReadonlyMap<string, StaticAsset>;

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
};
const COMPRESSIBLE = new Set([".html", ".js", ".css", ".svg", ".json", ".webmanifest", ".txt"]);

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });

/**
 * Loads the built UI into memory once (it is small and never changes while the process runs).
 * Throws, naming the build command, when the build is missing.
 */
export const loadStaticAssets = (distDir: string): StaticAssets => {
  if (!existsSync(join(distDir, "index.html"))) {
    throw new Error(
      `the web UI is not built: ${join(distDir, "index.html")} is missing — run \`bun run --cwd web build\` first`,
    );
  }
  const assets = new Map<string, StaticAsset>();
  for (const file of filesUnder(distDir)) {
    const urlPath = `/${relative(distDir, file).split(sep).join("/")}`;
    const ext = extname(file);
    const body = new Uint8Array(readFileSync(file));
    const compressed = COMPRESSIBLE.has(ext) ? new Uint8Array(gzipSync(body, { level: 9 })) : undefined;
    assets.set(urlPath, {
      body,
      gzipped: compressed && compressed.length < body.length ? compressed : undefined,
      contentType: CONTENT_TYPES[ext] ?? "application/octet-stream",
      immutable: urlPath.startsWith("/assets/"),
    });
  }
  return assets;
};

// The UI talks only to its own origin; React sets styles through the CSSOM, which CSP allows.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** The HTTP response for one asset, gzipped when the client accepts it. */
export const assetResponse = (
  asset: StaticAsset,
  acceptEncoding: string | undefined,
  head: boolean,
): Response => {
  const useGzip = asset.gzipped !== undefined && /\bgzip\b/.test(acceptEncoding ?? "");
  const body = useGzip && asset.gzipped ? asset.gzipped : asset.body;
  const headers = new Headers({
    "content-type": asset.contentType,
    "cache-control": asset.immutable ? "public, max-age=31536000, immutable" : "no-cache",
    "x-content-type-options": "nosniff",
    vary: "accept-encoding",
  });
  if (useGzip) headers.set("content-encoding", "gzip");
  if (asset.contentType.startsWith("text/html")) {
    headers.set("content-security-policy", CONTENT_SECURITY_POLICY);
    headers.set("referrer-policy", "same-origin");
  }
  return new Response(head ? null : body, { status: 200, headers });
};

/**
 * The asset a GET path resolves to: the file itself, or index.html for client routes (paths without a
 * file extension), so /destinations/JP survives a reload. A missing file with an extension is a 404.
 */
export const resolveAsset = (assets: StaticAssets, path: string): StaticAsset | undefined => {
  const exact = assets.get(path === "/" ? "/index.html" : path);
  if (exact) return exact;
  const lastSegment = path.slice(path.lastIndexOf("/") + 1);
  return lastSegment.includes(".") ? undefined : assets.get("/index.html");
};
