import type { MetricsRegistry } from "@trip/shared";
import type { IngestMetrics } from "../use-cases/ports.ts";

/** `ingest_runs_total{status,trigger}`, `ingest_rows_inserted_total{trigger}`, `ingest_rates_rejected_total{reason}`. */
export const prometheusIngestMetrics = (metrics: MetricsRegistry): IngestMetrics => {
  const runs = metrics.counter("ingest_runs_total", "Ingestion runs by how they ended");
  const inserted = metrics.counter("ingest_rows_inserted_total", "exchange_rates rows inserted");
  const rejected = metrics.counter("ingest_rates_rejected_total", "Provider quotes rejected by cleaning");
  return {
    runFinished: (status, trigger) => runs.inc({ status, trigger }),
    rowsInserted: (count, trigger) => inserted.inc({ trigger }, count),
    ratesRejected: (reason, count) => rejected.inc({ reason }, count),
  };
};
