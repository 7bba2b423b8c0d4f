/**
 * `--only=retention` (PostgreSQL): the cost of a table that only grows, and of keeping it bounded.
 * 1. Enqueue one article to N subscribers through the real enqueue statement: time and disk.
 * 2. The worker's claim (the real `claim`, 16 rows at a time) over those pending rows, first with
 *    no finished rows in the table, then with M finished ("sent") rows present, in the same run.
 * 3. One retention batch (the real `pruneDeliveries`: 5,000 rows past 14 days) among those M rows.
 * The M finished rows are written with `session_replication_role = replica` (foreign-key
 * triggers off), so that they need no M chats and articles: only the table's size matters here.
 */
import { sql } from "drizzle-orm";
import type { BenchContext, BenchmarkResult } from "./support/context.js";
import { openBenchDatabase } from "./support/database.js";
import { now, percentile, round, row } from "./support/stats.js";
import { createSubscribers } from "./support/subscribers.js";

const SIZES = {
  full: { subscribers: 1_000_000, finished: 20_000_000 },
  quick: { subscribers: 100_000, finished: 2_000_000 },
  tiny: { subscribers: 5_000, finished: 50_000 },
} as const;
const CLAIMS = 200;

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

export async function run(ctx: BenchContext): Promise<BenchmarkResult> {
  if (!ctx.databaseUrl) {
    return {
      name: "retention",
      rows: [row({ benchmark: "retention", case: "deliveries retention", metric: "claim latency", unit: "ms", value: null, baseline: null, note: "PostgreSQL only: set DATABASE_URL" })],
    };
  }
  const size = SIZES[ctx.profile];
  const bench = await openBenchDatabase({ databaseUrl: ctx.databaseUrl });
  const { db } = bench.database;
  try {
    const [target] = rowsOf<{ article_id: number; topic_id: number }>(await db.execute(sql`select article_id, topic_id from article_topics order by article_id limit 1`));
    if (!target) throw new Error("no seeded article with a topic");
    await createSubscribers(db, { count: size.subscribers, topicId: target.topic_id, firstChatId: 50_000_000 });
    await db.execute(sql`delete from deliveries`);
    ctx.log(`  retention: enqueueing 1 article to ${size.subscribers.toLocaleString("en-US")} subscribers`);
    const enqueueStart = now();
    const enqueued = await bench.repos.deliveries.enqueueArticle(target.article_id);
    const enqueueMs = now() - enqueueStart;
    await db.execute(sql`analyze deliveries`);
    const sizeOf = async () => Number(rowsOf<{ bytes: string }>(await db.execute(sql`select pg_total_relation_size('deliveries')::text as bytes`))[0]!.bytes);
    const pendingBytes = await sizeOf();

    const claimLatencies = async (label: string) => {
      const samples: number[] = [];
      for (let i = 0; i < CLAIMS; i++) {
        const start = now();
        await bench.repos.deliveries.claim({ workerId: `bench-${label}`, limit: 16, leaseMs: 600_000 });
        samples.push(now() - start);
      }
      // Give the rows back, so that the next measurement claims from the same queue.
      await db.execute(sql`update deliveries set lease_until = null, leased_by = null where leased_by = ${`bench-${label}`}`);
      return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
    };
    const empty = await claimLatencies("empty");

    ctx.log(`  retention: writing ${size.finished.toLocaleString("en-US")} finished rows`);
    const fillStart = now();
    const batch = 1_000_000;
    for (let first = 0; first < size.finished; first += batch) {
      const last = Math.min(size.finished, first + batch) - 1;
      await db.transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        await tx.execute(sql`
          insert into deliveries (article_id, chat_id, status, attempts, next_attempt_at, sent_at, message_id, created_at)
          select ${target.article_id}, 900000000 + g, 'sent', 1, now(), now(), g, now() - interval '30 days' + (g % 86400) * interval '1 second'
          from generate_series(${first}::bigint, ${last}::bigint) g`);
      });
    }
    const fillMs = now() - fillStart;
    await db.execute(sql`analyze deliveries`);
    const fullBytes = await sizeOf();
    const full = await claimLatencies("full");

    const deleteStart = now();
    const deleted = await bench.repos.retention.pruneDeliveries(14, 5_000);
    const deleteMs = now() - deleteStart;

    const name = `${size.subscribers.toLocaleString("en-US")} deliveries pending, ${size.finished.toLocaleString("en-US")} finished`;
    const mb = (bytes: number) => round(bytes / 1024 / 1024, 0);
    return {
      name: "retention",
      rows: [
        row({ benchmark: "retention", case: `enqueue 1 article to ${size.subscribers.toLocaleString("en-US")} chats`, metric: "time", unit: "s", value: round(enqueueMs / 1000, 2), baseline: null, note: `${enqueued} rows, ${mb(pendingBytes)} MB with indexes` }),
        row({ benchmark: "retention", case: name, metric: "claim of 16, p50", unit: "ms", value: round(full.p50, 2), baseline: { name: "no finished rows", value: round(empty.p50, 2) } }),
        row({ benchmark: "retention", case: name, metric: "claim of 16, p99", unit: "ms", value: round(full.p99, 2), baseline: { name: "no finished rows", value: round(empty.p99, 2) } }),
        row({ benchmark: "retention", case: name, metric: "table size with indexes", unit: "MB", value: mb(fullBytes), baseline: { name: "pending rows only", value: mb(pendingBytes) }, note: `finished rows written in ${round(fillMs / 1000, 0)} s` }),
        row({ benchmark: "retention", case: name, metric: "one retention batch", unit: "ms", value: round(deleteMs, 1), baseline: null, note: `${deleted} rows older than 14 days deleted` }),
      ],
    };
  } finally {
    await bench.close();
  }
}
