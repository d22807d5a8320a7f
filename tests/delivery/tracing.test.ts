/**
 * Tracing you can look at (issue 15, item 5), on the local cluster after `scripts/delivery/tracing.sh
 * install`: Jaeger in the namespace `monitoring`, every injected sidecar (the chart's Dapr Configuration) and
 * every app (OTEL_EXPORTER_OTLP_ENDPOINT from the same chart value) exporting to it. One request through the
 * web gateway's NodePort to currency-service is one trace, read back from Jaeger's query API on the node IP.
 *
 *   bash scripts/delivery/tracing.sh install && bun test --timeout 120000 tests/delivery/tracing.test.ts
 */
import { beforeAll, describe, expect, test } from "bun:test";
import { appUrl, kubectl, kubectlJson, NAMESPACE, nodeIp } from "../cluster/support/cluster.ts";
import { awaitTrace, expectWebToCurrencyTrace, hasAllFour } from "../tracing/support/jaeger.ts";

let jaeger: string;
let web: string;

beforeAll(async () => {
  jaeger = process.env.JAEGER_URL ?? `http://${nodeIp()}:30686`;
  web = appUrl("web");
  const services = await fetch(`${jaeger}/api/services`, { signal: AbortSignal.timeout(5000) }).catch(
    (err: unknown) => {
      throw new Error(
        `Jaeger's query API does not answer at ${jaeger} (bash scripts/delivery/tracing.sh install): ${err}`,
      );
    },
  );
  expect(services.status).toBe(200);
});

describe("the cluster's sidecars and apps export to Jaeger", () => {
  test("the chart's Dapr Configuration and the apps' environment name the in-cluster collector", () => {
    const configuration = kubectlJson(["-n", NAMESPACE, "get", "configuration.dapr.io", "trip-service"]);
    expect(configuration.spec.tracing.otel).toEqual({
      endpointAddress: "jaeger-collector.monitoring.svc.cluster.local:4318",
      isSecure: false,
      protocol: "http",
    });
    // A Deployment, or an Argo Rollout with the same pod template when delivery.strategy asks for one.
    const workload = (["deployment", "rollout"] as const)
      .map((kind) =>
        kubectl(["-n", NAMESPACE, "get", kind, "currency-service", "-o", "json"], { allowFailure: true }),
      )
      .find((got) => got.code === 0);
    const template = JSON.parse(workload?.stdout ?? "{}").spec?.template;
    const env = (template?.spec.containers[0].env ?? []) as Array<{ name: string; value?: string }>;
    expect(env.find((entry) => entry.name === "OTEL_EXPORTER_OTLP_ENDPOINT")?.value).toBe(
      "http://jaeger-collector.monitoring.svc.cluster.local:4318",
    );
  });

  test("one request through web → currency-service is one trace with both sidecars' and both apps' spans", async () => {
    const correlationId = `trace-cluster-${crypto.randomUUID()}`;
    const res = await fetch(`${web}/api/v1/currencies/latest?symbols=USD,JPY`, {
      headers: { "x-correlation-id": correlationId },
      signal: AbortSignal.timeout(15_000),
    });
    expect(res.status).toBe(200);
    const { traces, trace } = await awaitTrace(jaeger, correlationId, hasAllFour, 60_000);
    expect(traces.length).toBe(1);
    expectWebToCurrencyTrace(trace, correlationId, "/api/v1/currencies/latest");
  }, 90_000);
});
