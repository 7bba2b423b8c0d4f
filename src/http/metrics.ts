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
  const droppedUpdates = new Counter({
    name: "newsbot_flood_dropped_updates_total",
    help: "Updates dropped by per-user flood control (FLOOD_LIMIT)",
    registers: [registry],
  });
  const duplicateUpdates = new Counter({
    name: "newsbot_duplicate_updates_total",
    help: "Webhook updates skipped because their update_id was received before",
    registers: [registry],
  });

  const feedFetches = new Counter({
    name: "newsbot_feed_fetches_total",
    help: "Feed fetches, by outcome (ok, not-modified, http-error, network, refused, invalid, error)",
    labelNames: ["outcome"] as const,
    registers: [registry],
  });
  const feedItems = new Counter({
    name: "newsbot_feed_items_total",
    help: "Feed items handled, by outcome (published, archived, duplicate, review, invalid)",
    labelNames: ["outcome"] as const,
    registers: [registry],
  });
  const feedFetchSeconds = new Histogram({
    name: "newsbot_feed_fetch_seconds",
    help: "Time to fetch, parse and store one feed",
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  let feedStateSource: (() => Promise<Record<string, number>>) | undefined;
  new Gauge({
    name: "newsbot_feeds",
    help: "Feeds by state (active, paused, failing, disabled)",
    labelNames: ["state"] as const,
    registers: [registry],
    async collect() {
      if (!feedStateSource) return;
      for (const [state, count] of Object.entries(await feedStateSource())) this.set({ state }, count);
    },
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
    floodDropped(): void {
      droppedUpdates.inc();
    },
    duplicateUpdate(): void {
      duplicateUpdates.inc();
    },
    /** Records one feed fetch and what became of its items. */
    feedFetched(outcome: string, seconds: number, items?: Record<string, number>): void {
      feedFetches.inc({ outcome });
      feedFetchSeconds.observe(seconds);
      for (const [itemOutcome, count] of Object.entries(items ?? {})) if (count > 0 && itemOutcome !== "seen") feedItems.inc({ outcome: itemOutcome }, count);
    },
    setFeedStateSource(source: () => Promise<Record<string, number>>): void {
      feedStateSource = source;
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
