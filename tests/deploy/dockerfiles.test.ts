import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot, versions } from "../../deploy/tool-paths.ts";
import { apps, SERVICE_DOCKERFILE } from "../../scripts/ci/apps.ts";
import { appPorts } from "./support/contract.ts";
import { renderDockerfile } from "./support/dockerfile.ts";

const read = (path: string) => readFileSync(join(repoRoot, path), "utf8");
const instructions = (dockerfile: string) =>
  dockerfile
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));

describe("images", () => {
  for (const app of apps) {
    describe(app.id, () => {
      const lines = instructions(renderDockerfile(read(app.dockerfile), app));
      const final = lines.slice(lines.findLastIndex((line) => line.startsWith("FROM ")));

      test("is a multi-stage build on the pinned Bun", () => {
        expect(lines).toContain(`ARG BUN_VERSION=${versions.BUN_VERSION}`);
        const bases = lines.filter((line) => line.startsWith("FROM "));
        expect(bases.length).toBeGreaterThanOrEqual(3);
        for (const base of bases)
          expect(base).toMatch(/^FROM oven\/bun:\$\{BUN_VERSION\}-(slim|distroless)( AS [a-z]+)?$/);
      });

      test("installs exactly the locked production dependencies of this app", () => {
        const install = `RUN bun install --frozen-lockfile --production --filter ./${app.dir}`;
        expect(lines).toContain(install);
        expect(final.join("\n")).toContain("COPY --from=deps /app/node_modules ./node_modules");
        expect(final.join("\n")).toContain("COPY packages/shared ./packages/shared");
      });

      test("runs as a numeric non-root user, with a health check on its contract port", () => {
        const port = appPorts[app.id] as number;
        expect(final).toContain("USER 1000:1000");
        expect(final).toContain(`EXPOSE ${port}`);
        expect(final.join(" ")).toContain(`PORT=${port}`);
        const healthcheck = final.find((line) => line.startsWith("HEALTHCHECK"));
        expect(healthcheck).toContain("/health");
        // Nothing writes outside /tmp: Bun's transpiler cache is off for a read-only root filesystem.
        expect(final.join(" ")).toContain("BUN_RUNTIME_TRANSPILER_CACHE_PATH=0");
      });
    });
  }

  test("the four services are built from one Dockerfile, named and numbered only by build arguments", () => {
    const services = apps.filter((app) => app.dir.startsWith("services/"));
    expect(services.map((app) => app.dockerfile)).toEqual(services.map(() => SERVICE_DOCKERFILE));
    for (const app of services)
      expect(app.buildArgs).toEqual({
        SERVICE: app.dir.slice("services/".length),
        PORT: String(appPorts[app.id]),
      });
    const declared = instructions(read(SERVICE_DOCKERFILE)).filter((line) => line.startsWith("ARG "));
    expect([...new Set(declared)].sort()).toEqual(
      [`ARG BUN_VERSION=${versions.BUN_VERSION}`, "ARG PORT", "ARG SERVICE"].sort(),
    );
    // The image scripts build with the same table.
    const script = read("scripts/images/apps.sh");
    for (const app of services) {
      expect(script).toContain(`[${app.id}]=${app.dir}\n`);
      expect(script).toContain(`[${app.id}]=${app.buildArgs.PORT}\n`);
    }
  });

  test("the build context leaves out dependencies, git data, local state and secrets", () => {
    const ignored = read(".dockerignore").split("\n");
    for (const entry of ["**/node_modules", ".git", ".run", ".env", ".env.*", "**/*.test.ts"]) {
      expect(ignored).toContain(entry);
    }
  });
});
