import { currentContext } from "./context.ts";

export type LogLevel = "debug" | "info" | "warn" | "error";
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

export interface LoggerOptions {
  service: string;
  level?: LogLevel;
  /** Where a finished JSON line goes; stdout by default. Tests pass an array's push. */
  sink?: (line: string) => void;
  now?: () => Date;
}

const serializeError = (e: unknown): unknown =>
  e instanceof Error ? { name: e.name, message: e.message } : e;

/**
 * JSON-lines logger. Every line carries the current request's `correlation_id` and `traceparent`.
 * @example const log = createLogger({ service: "currency-service" }); log.info("served", { route });
 */
export const createLogger = (options: LoggerOptions, bound: LogFields = {}): Logger => {
  const threshold = ORDER[options.level ?? "info"];
  const sink = options.sink ?? ((line: string) => console.log(line));
  const now = options.now ?? (() => new Date());
  const write = (level: LogLevel, msg: string, fields?: LogFields) => {
    if (ORDER[level] < threshold) return;
    const ctx = currentContext();
    const entry: LogFields = {
      ts: now().toISOString(),
      level,
      service: options.service,
      msg,
      ...(ctx ? { correlation_id: ctx.correlationId, traceparent: ctx.traceparent } : {}),
      ...bound,
    };
    for (const [k, v] of Object.entries(fields ?? {})) entry[k] = k === "err" ? serializeError(v) : v;
    sink(JSON.stringify(entry));
  };
  return {
    debug: (m, f) => write("debug", m, f),
    info: (m, f) => write("info", m, f),
    warn: (m, f) => write("warn", m, f),
    error: (m, f) => write("error", m, f),
    child: (fields) => createLogger(options, { ...bound, ...fields }),
  };
};
