import { describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { APP_IDS, COMPONENTS, CRON_BINDINGS } from "../../packages/shared/src/names.ts";
import { PROFILES, type Profile, profileComponents } from "../../scripts/lib/render-resources.ts";
import { repoRoot } from "./support/environment.ts";

/** The YAML files committed in one folder of components/ (base or a profile's overlay). */
const committedIn = (folder: string) =>
  readdirSync(join(repoRoot, "components", folder))
    .filter((file) => file.endsWith(".yaml"))
    .sort();
/** A profile's components as the sidecars get them: components/base plus the profile's overlay. */
const filesOf = (profile: Profile) => profileComponents(profile).map((component) => component.file);
const read = (profile: Profile, file: string) => {
  const component = profileComponents(profile).find((candidate) => candidate.file === file);
  if (!component) throw new Error(`profile ${profile} has no ${file}`);
  return component.yaml;
};
const nameOf = (yaml: string) => /^metadata:\n {2}name: (\S+)/m.exec(yaml)?.[1];
const scopesOf = (yaml: string) =>
  [...(/^scopes:\n((?: {2}- .*\n?)*)/m.exec(yaml)?.[1]?.matchAll(/- (\S+)/g) ?? [])].map((match) => match[1]);
const appIds: string[] = Object.values(APP_IDS);

describe("component YAML", () => {
  test("each profile overlays only pubsub.yaml on the shared base, which has no pubsub", () => {
    expect(committedIn("base")).not.toContain("pubsub.yaml");
    for (const profile of PROFILES)
      expect({ profile, overlay: committedIn(profile) }).toEqual({
        profile,
        overlay: ["pubsub.yaml"],
      });
    expect(filesOf("kafka")).toEqual(filesOf("local"));
    expect(read("local", "pubsub.yaml")).toContain("type: pubsub.redis");
    expect(read("kafka", "pubsub.yaml")).toContain("type: pubsub.kafka");
  });

  test("a file in both the base and an overlay is refused, so each component is written once", () => {
    const scratch = mkdtempSync(join(tmpdir(), "components-"));
    try {
      for (const folder of ["base", "local"]) {
        mkdirSync(join(scratch, "components", folder), { recursive: true });
        writeFileSync(join(scratch, "components", folder, "cache.yaml"), "metadata:\n  name: cache\n");
      }
      expect(() => profileComponents("local", scratch)).toThrow(
        "components/local repeats components/base's cache.yaml",
      );
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  for (const profile of PROFILES) {
    test(`${profile}: exactly the component names the code uses, one per file named after it`, () => {
      const names = filesOf(profile).map((file) => {
        expect(`${nameOf(read(profile, file))}.yaml`).toBe(file);
        return nameOf(read(profile, file));
      });
      const expected = [...Object.values(COMPONENTS), ...Object.values(CRON_BINDINGS)];
      expect(names.sort()).toEqual(expected.sort());
    });

    test(`${profile}: every component is scoped to known app ids`, () => {
      for (const file of filesOf(profile)) {
        const scopes = scopesOf(read(profile, file));
        expect({ file, scoped: scopes.length > 0 }).toEqual({ file, scoped: true });
        for (const scope of scopes)
          expect({ file, scope, known: appIds.includes(scope ?? "") }).toMatchObject({ known: true });
      }
    });

    test(`${profile}: passwords and DSNs come from the secret store, never literal values`, () => {
      for (const file of filesOf(profile)) {
        const yaml = read(profile, file);
        for (const field of ["redisPassword", "url"]) {
          const literal = new RegExp(`- name: ${field}\\n\\s+value:`).test(yaml);
          if (field === "url" && file === "fx-provider.yaml") continue;
          expect({ file, field, literal }).toEqual({ file, field, literal: false });
        }
        if (yaml.includes("secretKeyRef:")) expect(yaml).toContain("auth:\n  secretStore: secretstore\n");
      }
    });

    test(`${profile}: cron bindings are input bindings`, () => {
      for (const name of Object.values(CRON_BINDINGS)) {
        const yaml = read(profile, `${name}.yaml`);
        expect(yaml).toContain("type: bindings.cron");
        expect(yaml).toMatch(/- name: direction\n\s+value: input/);
      }
    });
  }

  test("the cache stores bare keys and the three ranking stores do not share a key space", () => {
    expect(read("local", "cache.yaml")).toMatch(/- name: keyPrefix\n\s+value: none/);
    for (const store of ["rankings", "country-stats", "daily-selections"]) {
      expect(read("local", `${store}.yaml`)).toMatch(/- name: keyPrefix\n\s+value: name/);
    }
  });
});

describe("run template", () => {
  const template = readFileSync(join(repoRoot, "dapr", "dapr.yaml"), "utf8");
  test("each service runs on its conventional app and sidecar ports", () => {
    const expected: Array<[string, number, number, number]> = [
      [APP_IDS.currency, 8001, 3501, 3601],
      [APP_IDS.ranking, 8002, 3502, 3602],
      [APP_IDS.history, 8003, 3503, 3603],
      [APP_IDS.ingestor, 8004, 3504, 3604],
      [APP_IDS.web, 8080, 3580, 3680],
    ];
    for (const [appId, app, http, grpc] of expected) {
      expect(template).toMatch(
        new RegExp(
          `- appID: ${appId}\\n(?: {4}.*\\n)*? {4}appPort: ${app}\\n {4}daprHTTPPort: ${http}\\n {4}daprGRPCPort: ${grpc}\\n`,
        ),
      );
    }
  });

  test("no sidecar metrics port collides with the local Kafka broker or controller", () => {
    const metricsPorts = [...template.matchAll(/^ {4}metricsPort: (\d+)/gm)].map((match) => Number(match[1]));
    expect(metricsPorts).toHaveLength(5);
    expect(new Set(metricsPorts).size).toBe(5);
    for (const port of metricsPorts) expect([9092, 9093, 6380, 3307, 8090]).not.toContain(port);
  });
});
