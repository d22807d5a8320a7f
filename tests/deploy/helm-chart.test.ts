import { describe, expect, test } from "bun:test";
import { chartDir, helmTemplate } from "../../deploy/chart.ts";
import { toolPaths } from "../../deploy/tool-paths.ts";
import { manifestOf, renderings } from "./support/rendered.ts";
import { run } from "./support/run.ts";

const { helm, kubeVersion } = toolPaths();

describe("helm chart", () => {
  test("is built from the pinned helm version", async () => {
    const { output } = await run([helm, "version", "--short"]);
    expect(output).toStartWith("v3.19.0");
  });

  for (const rendering of renderings) {
    test(`lints strictly with ${rendering.name} values`, async () => {
      const values = rendering.valuesFiles.flatMap((file) => ["--values", `${chartDir}/${file}`]);
      const { code, output } = await run([
        helm,
        "lint",
        chartDir,
        "--strict",
        "--kube-version",
        kubeVersion,
        ...values,
        ...rendering.extraArgs,
      ]);
      expect(output).toContain("0 chart(s) failed");
      expect(code).toBe(0);
    });

    test(`renders with ${rendering.name} values`, async () => {
      const manifest = await manifestOf(rendering);
      expect(manifest).toContain("kind: Deployment");
    });
  }

  test("the values schema rejects a misspelt key", async () => {
    await expect(helmTemplate(["values-production.yaml"], ["--set", "apps.web.prot=8080"])).rejects.toThrow(
      "additional properties 'prot' not allowed",
    );
  });

  test("the values schema rejects a secret-looking app environment variable", async () => {
    await expect(helmTemplate([], ["--set", "apps.web.env.ADMIN_TOKEN=x"])).rejects.toThrow(
      "invalid propertyName",
    );
  });

  test("secrets cannot be rendered without every value", async () => {
    await expect(helmTemplate([], ["--set", "secrets.create=true"])).rejects.toThrow(
      "is required when secrets.create=true",
    );
  });

  test("external stores need their endpoints", async () => {
    await expect(helmTemplate([], ["--set", "kafka.enabled=false"])).rejects.toThrow(
      "kafka.externalBrokers is required",
    );
  });
});
