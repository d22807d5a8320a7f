/**
 * The SBOMs scripts/images/build.sh writes for the images it built (scripts/images/sbom.sh,
 * docs/supply-chain.md): one CycloneDX JSON per app image at the tag the cluster phase builds, describing
 * what is in the image: Bun, the Debian packages of the distroless base, and the app's npm dependencies
 * at the versions bun.lock resolves, without the development-only ones. Needs the images built, not the
 * cluster running.
 */
import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { APP_IDS, type AppId, REPO_ROOT } from "./support/cluster.ts";

const cache = process.env.TRIP_CACHE ?? join(homedir(), ".cache/trip-service");
/** The tag scripts/test-all.sh builds and installs: the short commit of HEAD (APP_TAG overrides). */
const tag =
  process.env.APP_TAG ??
  Bun.spawnSync(["git", "rev-parse", "--short", "HEAD"], { cwd: REPO_ROOT }).stdout.toString().trim();

const shellValue = (file: string, key: string) =>
  readFileSync(join(REPO_ROOT, file), "utf8").match(new RegExp(`^${key}=(\\S+)`, "m"))?.[1];
const bunVersion = shellValue("scripts/setup/versions.env", "BUN_VERSION");
const appRegistry = shellValue("scripts/images/versions.env", "APP_REGISTRY");
/** The Debian packages whose files make the distroless base (base.sh's DISTROLESS_PACKAGES). */
const distrolessPackages = (
  readFileSync(join(REPO_ROOT, "scripts/images/base.sh"), "utf8").match(
    /^DISTROLESS_PACKAGES=\(([^)]*)\)/m,
  )?.[1] ?? ""
)
  .split(/\s+/)
  .filter(Boolean);

/** Where an app's manifest lives (scripts/images/apps.sh's APP_DIRS). */
const APP_DIRS: Record<AppId, string> = {
  "currency-service": "services/currency",
  "ranking-service": "services/ranking",
  "history-service": "services/history",
  "data-ingestor": "services/data-ingestor",
  web: "web",
};

/** bun.lock is JSON with trailing commas; its `packages` map a name to ["name@version", ...]. */
const lockedVersion = (() => {
  const text = readFileSync(join(REPO_ROOT, "bun.lock"), "utf8").replace(/,(\s*[}\]])/g, "$1");
  const packages = JSON.parse(text).packages as Record<string, [string, ...unknown[]]>;
  return (name: string): string => {
    const entry = packages[name]?.[0];
    if (entry === undefined) throw new Error(`${name} is not in bun.lock`);
    return entry.slice(entry.lastIndexOf("@") + 1);
  };
})();

const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8"));

/** The image config (labels) of `ref` in the docker-archive build.sh --import wrote and the cluster imported. */
const archivedConfig = (archive: string, ref: string) => {
  const member = (name: string) => {
    const out = Bun.spawnSync(["tar", "-xOf", archive, name]);
    if (out.exitCode !== 0) throw new Error(`tar -xOf ${archive} ${name}: ${out.stderr.toString().trim()}`);
    return JSON.parse(out.stdout.toString());
  };
  const manifest = member("manifest.json") as { Config: string; RepoTags?: string[] }[];
  const entry = manifest.find((image) => image.RepoTags?.includes(ref));
  if (entry === undefined) throw new Error(`${ref} is not in ${archive}`);
  return member(entry.Config) as { config: { Labels?: Record<string, string> } };
};

type Component = { type: string; name: string; version?: string; purl?: string; group?: string };
type Sbom = {
  bomFormat: string;
  metadata: {
    component: { name: string; version?: string };
    tools: { components: { name: string }[] };
    properties?: { name: string; value: string }[];
  };
  components: Component[];
};

/** The SBOM of one app image at `tag`, where scripts/images/sbom.sh keeps it. */
const sbomPath = (id: AppId) =>
  join(
    cache,
    "images",
    "sbom",
    `${`${appRegistry}/${id}:${tag}`.replaceAll("/", "_").replaceAll(":", "_")}.cdx.json`,
  );

/** npm components by full name (a scoped package is group "@scope" + name in CycloneDX). */
const npmVersions = (sbom: Sbom): Map<string, Set<string>> => {
  const byName = new Map<string, Set<string>>();
  for (const component of sbom.components) {
    if (!component.purl?.startsWith("pkg:npm/")) continue;
    const name = component.group ? `${component.group}/${component.name}` : component.name;
    byName.set(name, (byName.get(name) ?? new Set()).add(component.version ?? ""));
  }
  return byName;
};

describe("SBOMs of the app images", () => {
  test("the version pins this test reads are there", () => {
    expect(tag).toMatch(/^\S+$/);
    expect(bunVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(appRegistry).toBe("docker.io/trip-service");
    expect(distrolessPackages).toContain("libc6");
  });

  for (const id of APP_IDS) {
    describe(id, () => {
      const path = sbomPath(id);
      const sbom = () => readJson(path) as Sbom;

      test("is a CycloneDX document by syft naming the image it describes", () => {
        expect({ path, exists: existsSync(path) }).toEqual({ path, exists: true });
        const doc = sbom();
        expect(doc.bomFormat).toBe("CycloneDX");
        expect(doc.metadata.tools.components.map((tool) => tool.name)).toContain("syft");
        expect(doc.metadata.component.name).toBe(`${appRegistry}/${id}:${tag}`);
      });

      test("describes the very build the cluster was given (apps.tar): same build-inputs label", () => {
        const ref = `${appRegistry}/${id}:${tag}`;
        const archived = archivedConfig(join(cache, "images", "apps.tar"), ref).config.Labels ?? {};
        const described = sbom().metadata.properties?.find(
          (property) => property.name === "syft:image:labels:dev.trip-service.inputs",
        )?.value;
        expect(described).toMatch(/^[0-9a-f]{16}$/);
        expect(described).toBe(archived["dev.trip-service.inputs"] as string);
      });

      test("lists Bun at the pinned version, found in the binary itself", () => {
        const bun = sbom().components.filter((component) => component.name === "bun");
        expect(bun.map((component) => [component.version, component.purl])).toContainEqual([
          bunVersion,
          `pkg:generic/bun@${bunVersion}`,
        ]);
      });

      test("lists every Debian package of the distroless base", () => {
        const debs = sbom().components.filter((component) => component.purl?.startsWith("pkg:deb/debian/"));
        for (const name of distrolessPackages) {
          const found = debs.find((component) => component.name === name);
          expect({ name, version: found?.version ?? "missing" }).toEqual({
            name,
            version: expect.stringMatching(/^\S*\d\S*$/),
          });
        }
      });

      test("lists the app's npm dependencies at bun.lock's versions, and none of the development-only ones", () => {
        const manifest = readJson(join(REPO_ROOT, APP_DIRS[id], "package.json"));
        const dependencies = Object.entries(manifest.dependencies as Record<string, string>)
          .filter(([, range]) => !range.startsWith("workspace:"))
          .map(([name]) => name);
        expect(dependencies).toEqual(expect.arrayContaining(["hono", "zod"]));
        const npm = npmVersions(sbom());
        for (const name of dependencies) {
          expect({ name, versions: [...(npm.get(name) ?? [])] }).toEqual({
            name,
            versions: expect.arrayContaining([lockedVersion(name)]),
          });
        }
        // What the image does not hold, the SBOM does not claim: the root's and web's build tools.
        const rootDev = Object.keys(readJson(join(REPO_ROOT, "package.json")).devDependencies);
        const webDev = Object.keys(readJson(join(REPO_ROOT, "web/package.json")).devDependencies);
        expect([...rootDev, ...webDev].filter((name) => npm.has(name))).toEqual([]);
      });
    });
  }
});
