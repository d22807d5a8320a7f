/**
 * @trip/shared — the one shared package of Trip Service.
 * Config, logging, the error envelope, the Dapr sidecar client, KST time, the catalog, event schemas and
 * the ops routes every service serves, and the response schemas of the public API (shared with the web UI).
 */
export * from "./api/index.ts";
export * from "./catalog/index.ts";
export { type BaseConfig, baseEnvSchema, loadConfig } from "./config.ts";
export {
  acceptCorrelationId,
  acceptTraceparent,
  currentContext,
  incomingRequestContext,
  type RequestContext,
  runOutsideContext,
  runWithContext,
} from "./context.ts";
export * from "./dapr/index.ts";
export { applyMigrations, applyMigrationsWhenReady } from "./db/apply-migrations.ts";
export { MIGRATIONS, type Migration } from "./db/migrations.ts";
export {
  API_VERSION,
  type ErrorEnvelope,
  failure,
  JSON_CONTENT_TYPE,
  ok,
  okJson,
  type SuccessEnvelope,
} from "./envelope.ts";
export { AppError, ERROR_STATUS, type ErrorCode, isAppError } from "./errors.ts";
export * from "./events.ts";
export {
  closeConnectionsWhileDraining,
  exitOnTermination,
  isDraining,
  type SignalTarget,
} from "./graceful-shutdown.ts";
export { ADMIN_SECURITY_SCHEME, type AdminRoutes, adminRoutes } from "./http/admin-routes.ts";
export { requireAppToken, requireBearer } from "./http/app-token.ts";
export { type CorsOptions, corsForOrigins } from "./http/cors-origins.ts";
export {
  createServiceApp,
  MAX_BODY_BYTES,
  type ServiceApp,
  type ServiceAppOptions,
} from "./http/create-service-app.ts";
export {
  type AnySubscription,
  type CloudEventMeta,
  type DaprRoutesOptions,
  type DeliveryOutcome,
  registerDaprRoutes,
  type Subscription,
  subscription,
} from "./http/dapr-routes.ts";
export { errorEnvelopeSchema, namedSchema, successEnvelopeSchema } from "./http/envelope-schemas.ts";
export { errorHandler } from "./http/error-handler.ts";
export { type HotAnswer, type HotRoutesOptions, withHotRoutes } from "./http/hot-routes.ts";
export { type LegacyClient, legacyClient } from "./http/legacy-client.ts";
export { type OpenApiValidation, openApiDocumentProblems } from "./http/openapi-document-problems.ts";
export {
  type DependencyCheck,
  type OpsOptions,
  registerOpsRoutes,
  sqlProbe,
  stateStoreProbe,
} from "./http/ops-routes.ts";
export {
  envelopeContent,
  errorContent,
  errorResponses,
  jsonBody,
  jsonContent,
} from "./http/route-content.ts";
export { FIELD_ERROR_CODES, parseOrThrow, validationError, validationHook } from "./http/validation.ts";
export { createLogger, type LogFields, type Logger, type LogLevel } from "./logger.ts";
export { type Counter, type Gauge, type Histogram, MetricsRegistry } from "./metrics.ts";
export { APP_IDS, COMPONENTS, CRON_BINDINGS, deadLetterTopicOf, SECRET_KEYS, TOPICS } from "./names.ts";
export * from "./rate-cache.ts";
export { createServiceRuntime, lazySecret, type ServiceRuntime } from "./service-runtime.ts";
export { guardedSqlDatabase, guardStore, type StoreKind, storeUnavailable } from "./store-unavailable.ts";
export { type Clock, manualClock, systemClock } from "./time/clock.ts";
export {
  addKstDays,
  isKstDate,
  KST_ZONE,
  type KstDate,
  kstDateOf,
  kstDatesBetween,
  kstDatesEndingAt,
  kstDayRange,
  kstWeekday,
} from "./time/kst.ts";
export { startTracing, type Tracing, type TracingOptions } from "./tracing/sdk.ts";
export { activeTracer, CORRELATION_ID_ATTRIBUTE, inClientSpan, useTracer } from "./tracing/spans.ts";
export { spanContextOf, traceparentOf } from "./tracing/traceparent.ts";
