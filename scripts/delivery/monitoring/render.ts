/**
 * Turns the chart's monitoring objects (what prometheus-operator would read) into the files a plain
 * Prometheus and Alertmanager read, for the local cluster where no operator runs:
 *
 *   helm template ... --show-only templates/monitoring/... | bun scripts/delivery/monitoring/render.ts \
 *     --out DIR [--config-dir /etc/prometheus] [--alertmanager alertmanager.monitoring.svc:9093] \
 *     [--evaluation-interval 5s]
 *
 * Writes DIR/prometheus.yml (the PodMonitors' scrape jobs + Prometheus and Alertmanager themselves),
 * one rules file per PrometheusRule (its spec, as the operator mounts it), DIR/alertmanager.yml (the
 * AlertmanagerConfigs merged, see alertmanager-yml.ts) and DIR/config-id. The config id (a hash of all
 * of it) is part of the rules files' names, so the configuration Prometheus reports having loaded
 * (/api/v1/status/config) shows whether a reload picked up this rendering. JSON is valid YAML: the files
 * are written as JSON.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { parseManifest } from "../../../deploy/chart.ts";
import { type AlertmanagerConfig, alertmanagerYmlOf } from "./alertmanager-yml.ts";
import { type PodMonitor, scrapeConfigsOf } from "./scrape-config.ts";

const { values: args } = parseArgs({
  options: {
    out: { type: "string" },
    "config-dir": { type: "string", default: "/etc/prometheus" },
    alertmanager: { type: "string", default: "alertmanager.monitoring.svc:9093" },
    "evaluation-interval": { type: "string", default: "30s" },
  },
});
if (!args.out) {
  console.error("usage: helm template ... | bun render.ts --out DIR [--config-dir D] [--alertmanager H:P]");
  process.exit(2);
}

type Manifest = { kind?: string; metadata?: { name: string; namespace: string }; spec?: unknown };
const objects = parseManifest(await Bun.stdin.text()) as Manifest[];
const ofKind = <T>(kind: string) => objects.filter((object) => object.kind === kind) as T[];
const podMonitors = ofKind<PodMonitor>("PodMonitor");
const rules = ofKind<Required<Manifest>>("PrometheusRule");
const amConfigs = ofKind<AlertmanagerConfig>("AlertmanagerConfig");
if (podMonitors.length === 0 || rules.length === 0 || amConfigs.length === 0) {
  console.error(
    `expected PodMonitor, PrometheusRule and AlertmanagerConfig objects; got ${podMonitors.length}, ${rules.length}, ${amConfigs.length}`,
  );
  process.exit(1);
}

const ruleBodies = rules.map((rule) => ({
  base: `${rule.metadata.namespace}-${rule.metadata.name}`,
  text: `${JSON.stringify(rule.spec, null, 2)}\n`,
}));
const scrapeConfigs = [
  // Prometheus and Alertmanager themselves: their own health and memory (process_resident_memory_bytes).
  { job_name: "prometheus", static_configs: [{ targets: ["localhost:9090"] }] },
  { job_name: "alertmanager", static_configs: [{ targets: [args.alertmanager] }] },
  ...podMonitors.flatMap(scrapeConfigsOf),
];
const alertmanagerText = `${JSON.stringify(alertmanagerYmlOf(amConfigs), null, 2)}\n`;
const configId = createHash("sha256")
  .update(JSON.stringify({ scrapeConfigs, rules: ruleBodies, alertmanagerText, args }))
  .digest("hex")
  .slice(0, 12);
const ruleFiles = ruleBodies.map((rule) => ({ ...rule, file: `${rule.base}.${configId}.rules.yaml` }));

const prometheusYml = {
  global: { evaluation_interval: args["evaluation-interval"] },
  rule_files: ruleFiles.map((rule) => join(args["config-dir"], rule.file)),
  alerting: { alertmanagers: [{ static_configs: [{ targets: [args.alertmanager] }] }] },
  scrape_configs: scrapeConfigs,
};

// The directory holds exactly this rendering: it becomes the ConfigMap, stale rule files must not linger.
mkdirSync(args.out, { recursive: true });
for (const name of readdirSync(args.out)) rmSync(join(args.out, name));
writeFileSync(join(args.out, "prometheus.yml"), `${JSON.stringify(prometheusYml, null, 2)}\n`);
for (const rule of ruleFiles) writeFileSync(join(args.out, rule.file), rule.text);
writeFileSync(join(args.out, "alertmanager.yml"), alertmanagerText);
writeFileSync(join(args.out, "config-id"), `${configId}\n`);
console.log(
  `${configId}: ${scrapeConfigs.length} scrape jobs, ${ruleFiles.length} rule file(s), ${amConfigs.length} AlertmanagerConfig(s)`,
);
