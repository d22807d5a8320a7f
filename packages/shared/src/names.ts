/**
 * Names shared by code and YAML: Dapr app ids, component names and topics.
 * The component YAML in `components/`, `k8s/` and `helm/` uses exactly these strings.
 */
export const APP_IDS = {
  currency: "currency-service",
  ranking: "ranking-service",
  history: "history-service",
  ingestor: "data-ingestor",
  web: "web",
} as const;

export const COMPONENTS = {
  cache: "cache",
  rankings: "rankings",
  countryStats: "country-stats",
  dailySelections: "daily-selections",
  tripDb: "trip-db",
  pubsub: "pubsub",
  fxProvider: "fx-provider",
  lock: "lockstore",
  secrets: "secretstore",
} as const;

export const CRON_BINDINGS = {
  ingest: "cron-ingest",
  ranking: "cron-ranking",
  analysis: "cron-analysis",
  midnightKst: "cron-midnight-kst",
} as const;

export const TOPICS = {
  ratesUpdated: "exchange-rates.updated",
  selectionRecorded: "ranking.selection-recorded",
  rankingUpdated: "ranking.updated",
} as const;

/** The dead-letter topic for a topic: malformed events go here instead of blocking a partition. */
export const deadLetterTopicOf = (topic: string): string => `${topic}.dlq`;

export const SECRET_KEYS = {
  adminToken: "admin-token",
  userHashSalt: "user-hash-salt",
} as const;
