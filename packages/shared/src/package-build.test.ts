import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { Glob } from "bun";
import * as source from "./index.ts";

const packageDir = resolve(import.meta.dir, "..");
const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as {
  exports: Record<string, Record<string, string>>;
};
// Inside the package's node_modules, so the bundle's bare imports (zod, hono…) resolve as a consumer's would.
const cacheDir = join(packageDir, "node_modules", ".cache");
let outDir: string;
/** Where an `exports` target (`./dist/index.js`, `./src/index.ts`) lies in this build. */
const located = (target: string) =>
  target.startsWith("./dist/") ? join(outDir, target.slice("./dist/".length)) : join(packageDir, target);

beforeAll(() => {
  mkdirSync(cacheDir, { recursive: true });
  outDir = mkdtempSync(join(cacheDir, "build-test-"));
  const build = Bun.spawnSync(["bun", "run", "build", outDir], { cwd: packageDir, stderr: "pipe" });
  if (build.exitCode !== 0) throw new Error(`bun run build failed:\n${build.stderr.toString()}`);
}, 30_000);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe("the publishable build (bun run build)", () => {
  test("every exports target exists; each built .js has its .d.ts, and `types` names it", () => {
    const entries = Object.entries(manifest.exports);
    expect(entries.length).toBeGreaterThan(0);
    for (const [subpath, conditions] of entries) {
      for (const [condition, target] of Object.entries(conditions)) {
        expect({ subpath, condition, exists: existsSync(located(target)) }).toEqual({
          subpath,
          condition,
          exists: true,
        });
      }
      const js = conditions.default ?? "";
      expect(js).toEndWith(".js");
      expect(conditions.types).toBe(js.replace(/\.js$/, ".d.ts"));
    }
  });

  test("declarations import .js siblings that exist, never the source's .ts", async () => {
    const broken: string[] = [];
    let files = 0;
    for await (const file of new Glob("**/*.d.ts").scan(outDir)) {
      files += 1;
      const text = readFileSync(join(outDir, file), "utf8");
      for (const [, specifier = ""] of text.matchAll(/(?:from |import\()"(\.{1,2}\/[^"]*)"/g)) {
        const target = resolve(dirname(join(outDir, file)), specifier.replace(/\.js$/, ".d.ts"));
        if (!specifier.endsWith(".js") || !existsSync(target)) broken.push(`${file} → ${specifier}`);
      }
    }
    expect(files).toBeGreaterThan(10);
    expect(broken).toEqual([]);
  });

  test("the built entry, imported under Bun, exports what the source exports, and works", async () => {
    const entry = located(manifest.exports["."]?.default ?? "");
    expect(relative(outDir, entry)).toBe("index.js");
    const built = (await import(entry)) as typeof source;
    expect(Object.keys(built).sort()).toEqual(Object.keys(source).sort());
    for (const name of ["createSidecar", "sqlDatabase", "loadConfig", "createLogger", "requireAppToken"]) {
      expect(typeof built[name as keyof typeof built]).toBe("function");
    }
    expect(built.decimal("1392.4500")).toBe(1392.45);
    expect(built.kstDateOf(new Date("2026-11-27T15:00:00Z"))).toBe("2026-11-28");
    expect(built.COMPONENTS.tripDb).toBe("trip-db");
    expect(new built.AppError("NOT_FOUND", "x").status).toBe(404);
  });
});
