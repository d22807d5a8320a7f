import { describe, expect, test } from "bun:test";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { repoRoot, toolPaths } from "../../deploy/tool-paths.ts";
import { manifestOf, renderings } from "./support/rendered.ts";
import { run } from "./support/run.ts";

const { kubeconform, schemas } = toolPaths();

/** kubeconform against the offline schemas only (Kubernetes, Dapr, Argo CD, prometheus-operator). */
async function validate(inputs: string[], stdin?: string) {
  const args = [
    kubeconform,
    "-strict",
    "-summary",
    "-output",
    "text",
    "-schema-location",
    join(schemas, "{{ .ResourceKind }}{{ .KindSuffix }}.json"),
  ];
  if (stdin === undefined) return run([...args, ...inputs]);
  const file = join(Bun.env.TMPDIR ?? "/tmp", `kubeconform-${crypto.randomUUID()}.yaml`);
  await Bun.write(file, stdin);
  try {
    return await run([...args, file]);
  } finally {
    rmSync(file, { force: true });
  }
}

describe("manifests match the pinned API schemas", () => {
  for (const rendering of renderings) {
    test(`chart rendered with ${rendering.name} values`, async () => {
      const { code, output } = await validate([], await manifestOf(rendering));
      expect(output).toMatch(/Invalid: 0, Errors: 0, Skipped: 0/);
      expect(code).toBe(0);
    });
  }

  test("every file in k8s/ and argocd/", async () => {
    const { code, output } = await validate([join(repoRoot, "k8s"), join(repoRoot, "argocd")]);
    expect(output).toMatch(/Invalid: 0, Errors: 0, Skipped: 0/);
    expect(code).toBe(0);
  });

  test("a misspelt field, a wrong type and an unknown kind are all rejected", async () => {
    const broken = [
      "apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata: {name: c}\nspec: {type: state.redis, version: v1, metadata: [{name: a, vaule: b}]}",
      "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: '80'}]}",
      "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: a}\nspec: {project: p, destination: {}, source: {repoURL: r, helm: {valueFile: [x]}}}",
      "apiVersion: example.com/v1\nkind: Unknown\nmetadata: {name: u}",
    ].join("\n---\n");
    const { code, output } = await validate([], broken);
    expect(output).toContain("additional properties 'vaule' not allowed");
    expect(output).toContain("got string, want integer");
    expect(output).toContain("additional properties 'valueFile' not allowed");
    expect(output).toContain("could not find schema for Unknown");
    expect(code).not.toBe(0);
  });
});

test("k8s/ is exactly the chart rendered with the production values", async () => {
  const { code, output } = await run([process.execPath, join(repoRoot, "deploy/render-k8s.ts"), "--check"]);
  expect(output).toContain("k8s/ matches the chart");
  expect(code).toBe(0);
});
