/**
 * A PodMonitor (monitoring.coreos.com/v1) as the Prometheus scrape jobs prometheus-operator generates for
 * it (pkg/prometheus/promcfg.go, generatePodMonitorConfig, operator v0.85.0): one kubernetes_sd `pod` job
 * per podMetricsEndpoint, the same relabelings in the same order, so series carry the same labels
 * (job, namespace, pod, container, endpoint, the podTargetLabels) with or without the operator.
 * Only the fields the chart uses are supported; any other field is refused rather than ignored.
 * @example scrapeConfigsOf(podMonitor) // [{ job_name: "podMonitor/trip-service/trip-service-apps/0", ... }]
 */

export interface Relabeling {
  sourceLabels?: string[];
  separator?: string;
  targetLabel?: string;
  regex?: string;
  modulus?: number;
  replacement?: string;
  action?: string;
}

export interface PodMetricsEndpoint {
  port?: string;
  path?: string;
  interval?: string;
  scrapeTimeout?: string;
  scheme?: string;
  relabelings?: Relabeling[];
}

export interface PodMonitor {
  kind: "PodMonitor";
  metadata: { name: string; namespace: string };
  spec: {
    namespaceSelector?: { matchNames?: string[]; any?: boolean };
    selector: { matchLabels?: Record<string, string> };
    podTargetLabels?: string[];
    podMetricsEndpoints: PodMetricsEndpoint[];
  };
}

/** One relabel_configs entry as Prometheus reads it. */
export type RelabelConfig = Record<string, string | number | string[]>;

export interface ScrapeConfig {
  job_name: string;
  honor_labels: boolean;
  kubernetes_sd_configs: { role: "pod"; namespaces?: { names: string[] } }[];
  scrape_interval?: string;
  scrape_timeout?: string;
  metrics_path?: string;
  scheme?: string;
  relabel_configs: RelabelConfig[];
}

const SUPPORTED_SPEC = new Set(["namespaceSelector", "selector", "podTargetLabels", "podMetricsEndpoints"]);
const SUPPORTED_ENDPOINT = new Set(["port", "path", "interval", "scrapeTimeout", "scheme", "relabelings"]);

/** Kubernetes label name → Prometheus label name, as the operator's sanitizeLabelName. */
export const sanitizeLabelName = (name: string): string => name.replace(/[^a-zA-Z0-9_]/g, "_");

/** camelCase relabeling fields → Prometheus' snake_case (sourceLabels → source_labels). */
const relabelConfigOf = (relabeling: Relabeling): RelabelConfig => {
  const out: RelabelConfig = {};
  for (const [key, value] of Object.entries(relabeling)) {
    if (value === undefined) continue;
    out[key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)] = value;
  }
  // The operator lower-cases the action (Prometheus accepts both; the generated config has lower case).
  if (typeof out.action === "string") out.action = out.action.toLowerCase();
  return out;
};

const refuseUnknown = (what: string, object: object, supported: Set<string>): void => {
  const unknown = Object.keys(object).filter((key) => !supported.has(key));
  if (unknown.length > 0) {
    throw new Error(`${what}: ${unknown.join(", ")} not supported by this converter`);
  }
};

/** The scrape jobs of one PodMonitor, in endpoint order. */
export const scrapeConfigsOf = (monitor: PodMonitor): ScrapeConfig[] => {
  const { name, namespace } = monitor.metadata;
  const { spec } = monitor;
  refuseUnknown(`PodMonitor ${namespace}/${name} spec`, spec, SUPPORTED_SPEC);
  if (spec.namespaceSelector?.any) throw new Error(`PodMonitor ${name}: namespaceSelector.any not supported`);
  // No namespaceSelector: the PodMonitor's own namespace, as the operator does.
  const namespaces = spec.namespaceSelector?.matchNames ?? [namespace];
  const matchLabels = spec.selector.matchLabels ?? {};
  return spec.podMetricsEndpoints.map((endpoint, index) => {
    refuseUnknown(`PodMonitor ${name} endpoint ${index}`, endpoint, SUPPORTED_ENDPOINT);
    const relabel: RelabelConfig[] = [
      { source_labels: ["job"], target_label: "__tmp_prometheus_job_name" },
      // Completed pods keep their IP in the API but serve nothing.
      { action: "drop", source_labels: ["__meta_kubernetes_pod_phase"], regex: "(Failed|Succeeded)" },
      ...Object.keys(matchLabels)
        .sort()
        .map((key) => ({
          action: "keep",
          source_labels: [
            `__meta_kubernetes_pod_label_${sanitizeLabelName(key)}`,
            `__meta_kubernetes_pod_labelpresent_${sanitizeLabelName(key)}`,
          ],
          regex: `(${matchLabels[key]});true`,
        })),
    ];
    if (endpoint.port) {
      relabel.push({
        action: "keep",
        source_labels: ["__meta_kubernetes_pod_container_port_name"],
        regex: endpoint.port,
      });
    }
    relabel.push(
      { source_labels: ["__meta_kubernetes_namespace"], target_label: "namespace" },
      { source_labels: ["__meta_kubernetes_pod_container_name"], target_label: "container" },
      { source_labels: ["__meta_kubernetes_pod_name"], target_label: "pod" },
      ...(spec.podTargetLabels ?? []).map((label) => ({
        source_labels: [`__meta_kubernetes_pod_label_${sanitizeLabelName(label)}`],
        target_label: sanitizeLabelName(label),
        regex: "(.+)",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: Prometheus' replacement syntax, as the operator writes it
        replacement: "${1}",
      })),
      { target_label: "job", replacement: `${namespace}/${name}` },
    );
    if (endpoint.port) relabel.push({ target_label: "endpoint", replacement: endpoint.port });
    relabel.push(...(endpoint.relabelings ?? []).map(relabelConfigOf));
    const job: ScrapeConfig = {
      job_name: `podMonitor/${namespace}/${name}/${index}`,
      honor_labels: false,
      kubernetes_sd_configs: [{ role: "pod", namespaces: { names: namespaces } }],
      relabel_configs: relabel,
    };
    if (endpoint.interval) job.scrape_interval = endpoint.interval;
    if (endpoint.scrapeTimeout) job.scrape_timeout = endpoint.scrapeTimeout;
    if (endpoint.path) job.metrics_path = endpoint.path;
    if (endpoint.scheme) job.scheme = endpoint.scheme;
    return job;
  });
};
