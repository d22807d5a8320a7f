/**
 * An AlertmanagerConfig (monitoring.coreos.com/v1alpha1) merged into an Alertmanager configuration the
 * way prometheus-operator does it (pkg/alertmanager/amcfg.go, operator v0.85.0): the resource's route
 * becomes a child of the root route with a `namespace="<its namespace>"` matcher and `continue: true`,
 * and its receiver names are prefixed `<namespace>/<name>/`. The root route goes to a receiver without
 * integrations (alerts no AlertmanagerConfig claims are dropped), as the operator's default config does.
 * Receivers: webhook only (what the local run uses); anything else is refused rather than dropped.
 * @example alertmanagerYmlOf([amConfig]) // { route: { receiver: "null", routes: [...] }, receivers: [...] }
 */

export interface Matcher {
  name: string;
  value?: string;
  matchType?: "=" | "!=" | "=~" | "!~";
  regex?: boolean;
}

export interface Route {
  receiver?: string;
  groupBy?: string[];
  groupWait?: string;
  groupInterval?: string;
  repeatInterval?: string;
  matchers?: Matcher[];
  continue?: boolean;
  routes?: Route[];
}

export interface WebhookConfig {
  url?: string;
  sendResolved?: boolean;
  maxAlerts?: number;
  timeout?: string;
}

export interface Receiver {
  name: string;
  webhookConfigs?: WebhookConfig[];
}

export interface AlertmanagerConfig {
  kind: "AlertmanagerConfig";
  metadata: { name: string; namespace: string };
  spec: { route?: Route; receivers?: Receiver[] };
}

export interface AmRoute {
  receiver?: string;
  group_by?: string[];
  group_wait?: string;
  group_interval?: string;
  repeat_interval?: string;
  matchers?: string[];
  continue?: boolean;
  routes?: AmRoute[];
}

export interface AmReceiver {
  name: string;
  webhook_configs?: { url: string; send_resolved: boolean; max_alerts?: number; timeout?: string }[];
}

export interface AlertmanagerYml {
  route: AmRoute;
  receivers: AmReceiver[];
}

/** The root route's receiver: no integration, so what reaches it is dropped. */
export const DROP_RECEIVER = "null";

const ROUTE_FIELDS = new Set([
  "receiver",
  "groupBy",
  "groupWait",
  "groupInterval",
  "repeatInterval",
  "matchers",
  "continue",
  "routes",
]);

/** `name="value"`, as the operator's Matcher.String() (Go's strconv.Quote ≈ JSON for these values). */
export const matcherText = (matcher: Matcher): string => {
  const type = matcher.matchType ?? (matcher.regex ? "=~" : "=");
  return `${matcher.name}${type}${JSON.stringify(matcher.value ?? "")}`;
};

const prefixed = (owner: AlertmanagerConfig, name: string) =>
  `${owner.metadata.namespace}/${owner.metadata.name}/${name}`;

const convertRoute = (route: Route, owner: AlertmanagerConfig): AmRoute => {
  const unknown = Object.keys(route).filter((key) => !ROUTE_FIELDS.has(key));
  if (unknown.length > 0)
    throw new Error(`route field(s) ${unknown.join(", ")} not supported by this converter`);
  const out: AmRoute = {};
  if (route.receiver) out.receiver = prefixed(owner, route.receiver);
  if (route.groupBy) out.group_by = route.groupBy;
  if (route.groupWait) out.group_wait = route.groupWait;
  if (route.groupInterval) out.group_interval = route.groupInterval;
  if (route.repeatInterval) out.repeat_interval = route.repeatInterval;
  if (route.matchers?.length) out.matchers = route.matchers.map(matcherText);
  if (route.continue) out.continue = true;
  if (route.routes?.length) out.routes = route.routes.map((child) => convertRoute(child, owner));
  return out;
};

const convertReceiver = (receiver: Receiver, owner: AlertmanagerConfig): AmReceiver => {
  const unknown = Object.keys(receiver).filter((key) => key !== "name" && key !== "webhookConfigs");
  if (unknown.length > 0) {
    throw new Error(
      `receiver ${receiver.name}: ${unknown.join(", ")} not supported by this converter (webhook only)`,
    );
  }
  const out: AmReceiver = { name: prefixed(owner, receiver.name) };
  if (receiver.webhookConfigs?.length) {
    out.webhook_configs = receiver.webhookConfigs.map((webhook) => {
      if (!webhook.url) throw new Error(`receiver ${receiver.name}: only webhookConfigs[].url is supported`);
      return {
        url: webhook.url,
        // The CRD's default for sendResolved is true, as Alertmanager's.
        send_resolved: webhook.sendResolved ?? true,
        ...(webhook.maxAlerts ? { max_alerts: webhook.maxAlerts } : {}),
        ...(webhook.timeout ? { timeout: webhook.timeout } : {}),
      };
    });
  }
  return out;
};

/** The Alertmanager configuration holding every given AlertmanagerConfig, sorted by namespace/name. */
export const alertmanagerYmlOf = (configs: AlertmanagerConfig[]): AlertmanagerYml => {
  const sorted = [...configs].sort((a, b) => prefixed(a, "").localeCompare(prefixed(b, "")));
  const routes = sorted.flatMap((config) => {
    if (!config.spec.route) return [];
    const route = convertRoute(config.spec.route, config);
    // Routes of an AlertmanagerConfig only ever match alerts of its own namespace.
    route.matchers = [
      ...(route.matchers ?? []),
      matcherText({ name: "namespace", value: config.metadata.namespace }),
    ];
    route.continue = true;
    return [route];
  });
  return {
    route: { receiver: DROP_RECEIVER, ...(routes.length > 0 ? { routes } : {}) },
    receivers: [
      { name: DROP_RECEIVER },
      ...sorted.flatMap((config) => (config.spec.receivers ?? []).map((r) => convertReceiver(r, config))),
    ],
  };
};
