/**
 * Prometheus metrics on a registry of our own (never prom-client's global one), so several bots in
 * one process (tests) do not share counters. `GET /metrics` renders it.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { UpdateObservation } from "../bot/middleware/update-log.js";

export interface MetricsOptions {
  /** Also export Node's process metrics (heap, event loop lag, CPU). */
  processMetrics?: boolean;
}

/** Creates the registry and the bot's metrics. */
export function createMetrics(options: MetricsOptions = {}) {
  const registry = new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: registry });

  const updatesHandled = new Counter({
    name: "newsbot_updates_handled_total",
    help: "Updates handled, by kind (command name or update type) and outcome",
    labelNames: ["kind", "outcome"] as const,
    registers: [registry],
  });
  const handlerDuration = new Histogram({
    name: "newsbot_update_handler_seconds",
    help: "Time to handle one update, Telegram calls included",
    labelNames: ["kind"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const deliveries = new Counter({
    name: "newsbot_deliveries_total",
    help: "Delivery attempts finished, by resulting status (sent, retry, failed, cancelled)",
    labelNames: ["status"] as const,
    registers: [registry],
  });
  const duplicateUpdates = new Counter({
    name: "newsbot_duplicate_updates_total",
    help: "Webhook updates skipped because their update_id was received before",
    registers: [registry],
  });

  let queueDepthSource: (() => Promise<number> | number) | undefined;
  new Gauge({
    name: "newsbot_delivery_queue_depth",
    help: "Deliveries pending in the queue",
    registers: [registry],
    // Read at scrape time, so the gauge is as fresh as the database and costs nothing between scrapes.
    async collect() {
      if (queueDepthSource) this.set(await queueDepthSource());
    },
  });

  return {
    registry,
    contentType: registry.contentType,
    /** Records one handled update. */
    observeUpdate(observation: UpdateObservation): void {
      const kind = observation.kind.slice(0, 40);
      updatesHandled.inc({ kind, outcome: observation.ok ? "ok" : "error" });
      handlerDuration.observe({ kind }, observation.durationMs / 1000);
    },
    /** Records one finished delivery attempt. */
    deliveryFinished(status: string, count = 1): void {
      deliveries.inc({ status }, count);
    },
    duplicateUpdate(): void {
      duplicateUpdates.inc();
    },
    /** Where the queue depth comes from (the delivery repository's pending count). */
    setQueueDepthSource(source: () => Promise<number> | number): void {
      queueDepthSource = source;
    },
    /** The metrics in Prometheus text format. */
    render: () => registry.metrics(),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
