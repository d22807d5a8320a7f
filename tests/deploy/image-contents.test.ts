import { afterAll, describe, expect, test } from "bun:test";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "../../deploy/tool-paths.ts";
import { apps } from "../../scripts/ci/apps.ts";
import { renderDockerfile } from "./support/dockerfile.ts";
import { run } from "./support/run.ts";

// Replays what each service Dockerfile does, without a Docker engine: only the workspace manifests, the
// locked production install filtered to the service, then its sources and packages/shared. Bundling the
// entry point proves every import resolves from what the image contains (no dev dependency at runtime).
const workspaceManifests = Bun.spawnSync(["git", "ls-files", "--cached", "--others", "--exclude-standard"], {
  cwd: repoRoot,
})
  .stdout.toString()
  .split("\n")
  .filter(
    (file) =>
      /(^|\/)package\.json$|^bun\.lock$|^bunfig\.toml$/.test(file) && existsSync(join(repoRoot, file)),
  );

const notDependenciesOrTests = (source: string) => !/node_modules|\.test\.ts$|\/dist(\/|$)/.test(source);

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

describe("image contents (Dockerfile steps replayed)", () => {
  for (const app of apps.filter((candidate) => candidate.dir.startsWith("services/"))) {
    test(`${app.id}: production dependencies alone resolve every import of src/main.ts`, async () => {
      const image = mkdtempSync(join(tmpdir(), `image-${app.id}-`));
      scratch.push(image);
      for (const file of workspaceManifests)
        cpSync(join(repoRoot, file), join(image, file), { recursive: true });
      const install = await run(
        [process.execPath, "install", "--frozen-lockfile", "--production", "--filter", `./${app.dir}`],
        { cwd: image },
      );
      expect(install.code).toBe(0);
      expect(existsSync(join(image, "node_modules/typescript"))).toBe(false); // dev tools stay out
      for (const dir of ["packages/shared", app.dir]) {
        cpSync(join(repoRoot, dir), join(image, dir), { recursive: true, filter: notDependenciesOrTests });
      }
      const bundle = await run(
        [
          process.execPath,
          "build",
          join(app.dir, "src/main.ts"),
          "--target",
          "bun",
          "--outdir",
          join(image, "out"),
        ],
        {
          cwd: image,
        },
      );
      expect(bundle.output).not.toContain("Could not resolve");
      expect(bundle.code).toBe(0);
      expect(existsSync(join(image, "out", "main.js"))).toBe(true);
      // The install and COPY steps replayed above are the Dockerfile's for this app's folder.
      expect(renderDockerfile(readFileSync(join(repoRoot, app.dockerfile), "utf8"), app)).toContain(
        `COPY ${app.dir} ./${app.dir}`,
      );
    }, 60_000);
  }
});
