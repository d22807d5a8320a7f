import { describe, expect, test } from "bun:test";
import { releaseVersion, versionOf } from "../../../scripts/ci/shared-release.ts";

const manifest = (version: string) => JSON.stringify({ name: "@trip/shared", version });

describe("shared package release", () => {
  test("an unchanged version publishes nothing", () => {
    expect(releaseVersion(manifest("0.1.0"), manifest("0.1.0"))).toBeNull();
  });

  test("a bumped version is published", () => {
    expect(releaseVersion(manifest("0.1.0"), manifest("0.2.0"))).toBe("0.2.0");
  });

  test("without a base (first build) the current version is published", () => {
    expect(releaseVersion(null, manifest("0.1.0"))).toBe("0.1.0");
  });

  test("a manifest without a version is an error, not a silent skip", () => {
    expect(() => releaseVersion(manifest("0.1.0"), JSON.stringify({ name: "@trip/shared" }))).toThrow(
      "has no version",
    );
    expect(() => versionOf("{ not json")).toThrow("is not valid JSON");
  });
});
