/**
 * Digests, follows and filters (issue: readers choose): `chats` chats (100,000 in the full
 * profile) subscribed to one topic; 30 % of them on daily digests, 10 % following an entity, 10 %
 * with an exclude filter and 5 % with an include filter. `articles` articles (50) are published
 * and enqueued one by one through the delivery service, then the digests are built. Reported: the
 * messages queued for Telegram (instant rows plus one digest per digest chat) and the time to
 * enqueue, beside the instant-only baseline measured first in the same run (same chats and
 * articles, no digests, follows or filters), and chats evaluated per second at enqueue.
 */
import { sql } from "drizzle-orm";
import { pino } from "pino";
import { createApp } from "../src/app.js";
import { filterWord } from "../src/subscriptions/filter-terms.js";
import type { BenchContext, BenchmarkResult } from "./support/context.js";
import { openBenchDatabase } from "./support/database.js";
import { createSubscribers } from "./support/subscribers.js";
import { createRandom } from "./support/random.js";
import { now, round, row } from "./support/stats.js";

const SIZES: Record<BenchContext["profile"], { chats: number; articles: number }> = {
  full: { chats: 100_000, articles: 50 },
  quick: { chats: 10_000, articles: 20 },
  tiny: { chats: 2_000, articles: 6 },
};

const SUBJECTS = ["budget", "harbour", "tram line", "school", "hospital", "bridge", "housing plan", "water supply"];
const EXCLUDED = "football";
const INCLUDED = "harbour";

/** `n` chats of ids [first, first + n), picked by `share` of the id space, with `value`. */
function share(first: number, count: number, from: number, to: number): { lo: number; hi: number } {
  return { lo: first + Math.floor(count * from), hi: first + Math.floor(count * to) - 1 };
}

export async function run(ctx: BenchContext): Promise<BenchmarkResult> {
  const sizes = SIZES[ctx.profile];
  const bench = await openBenchDatabase({ databaseUrl: ctx.databaseUrl });
  const random = createRandom(16);
  ctx.log(`  digests: ${sizes.chats} chats, ${sizes.articles} articles (${bench.label})`);
  try {
    const app = createApp(bench.database, { log: pino({ level: "silent" }), adminIds: [], takesUpdates: false });
    const db = bench.database.db;
    const topicId = (await app.repos.catalog.topicIdsBySlug(["economy"])).get("economy")!;
    const first = 5_000_000;
    await createSubscribers(db, { count: sizes.chats, topicId, firstChatId: first });
    const followed = (await app.repos.entities.searchByName("dmitriev", 1))[0]!.entityId;

    const publishAll = async (label: string) => {
      const ids: number[] = [];
      for (let i = 0; i < sizes.articles; i++) {
        const subject = random.pick(SUBJECTS);
        const extra = i % 5 === 0 ? ` Fans also talked about ${EXCLUDED}.` : "";
        const person = i % 4 === 0 ? " Kirill Dmitriev commented on the investment." : "";
        const stored = await app.news.publish({
          title: `${label} ${i}: the council debates the ${subject}`,
          body: `The city council debated the ${subject} on Tuesday, with the economy and the budget in mind.${person}${extra} Report ${label}-${i}.`,
          topics: ["economy"],
          origin: "api",
        });
        ids.push(stored.id);
      }
      return ids;
    };
    // Evaluating who wants each article (topics, follows, filters) without writing the rows.
    const evaluateAll = async (ids: number[]) => {
      const t = now();
      for (const id of ids) await app.delivery.countWanting(id);
      return now() - t;
    };
    const enqueueAll = async (ids: number[]) => {
      const t = now();
      let rows = 0;
      for (const id of ids) rows += await app.delivery.enqueueArticle(id);
      return { ms: now() - t, rows };
    };

    // Baseline: everyone instant, no follows, no filters.
    const baselineIds = await publishAll("baseline");
    const baselineEvalMs = await evaluateAll(baselineIds);
    const baseline = await enqueueAll(baselineIds);
    await db.execute(sql`truncate table deliveries`);

    const digest = share(first, sizes.chats, 0, 0.3);
    const follow = share(first, sizes.chats, 0.3, 0.4);
    const exclude = share(first, sizes.chats, 0.4, 0.5);
    const include = share(first, sizes.chats, 0.5, 0.55);
    await db.execute(sql`update chats set delivery_mode = 'daily', digest_time = '08:00', next_digest_at = now() + interval '1 day' where id between ${digest.lo} and ${digest.hi}`);
    await db.execute(sql`insert into follows (chat_id, entity_id) select g, ${followed} from generate_series(${follow.lo}::bigint, ${follow.hi}::bigint) g`);
    // The followers follow instead of subscribing: their articles come only through the entity.
    await db.execute(sql`delete from subscriptions where chat_id between ${follow.lo} and ${follow.hi}`);
    const addFilters = async (range: { lo: number; hi: number }, kind: "include" | "exclude", word: string) => {
      const parsed = filterWord(word);
      if (!parsed.ok) throw new Error(`bad filter ${word}`);
      await db.execute(
        sql`insert into chat_filters (chat_id, kind, word, variants)
            select g, ${kind}, ${parsed.word}, array(select jsonb_array_elements_text(${JSON.stringify(parsed.variants)}::jsonb))
              from generate_series(${range.lo}::bigint, ${range.hi}::bigint) g`,
      );
    };
    await addFilters(exclude, "exclude", EXCLUDED);
    await addFilters(include, "include", INCLUDED);
    await db.execute(sql`analyze`);

    const chosenIds = await publishAll("chosen");
    const chosenEvalMs = await evaluateAll(chosenIds);
    const chosen = await enqueueAll(chosenIds);
    // Every digest is due: build them all, as the builder would at 08:00.
    await db.execute(sql`update chats set next_digest_at = now() - interval '1 second' where delivery_mode <> 'instant'`);
    const buildStart = now();
    const digests = await app.digests.runOnce();
    const buildMs = now() - buildStart;
    const counts = await app.repos.deliveries.countByStatus();
    const messages = counts.pending;

    const evaluated = sizes.chats * sizes.articles;
    const label = `${sizes.chats} chats, ${sizes.articles} articles`;
    const base = { name: "instant only, no follows or filters (same run)" };
    return {
      name: "digests",
      rows: [
        row({ benchmark: "digests", case: `${label}, 30 % daily digests`, metric: "messages queued for Telegram", unit: "messages", value: messages, baseline: { ...base, value: baseline.rows } }),
        row({ benchmark: "digests", case: `${label}, 30 % daily digests`, metric: "time to enqueue all articles", unit: "s", value: round(chosen.ms / 1000, 2), baseline: { ...base, value: round(baseline.ms / 1000, 2) } }),
        row({
          benchmark: "digests",
          case: `${label}, follows and filters`,
          metric: "chats evaluated (who wants each article)",
          unit: "chats/s",
          value: round((evaluated / chosenEvalMs) * 1000, 0),
          baseline: { ...base, value: round((evaluated / baselineEvalMs) * 1000, 0) },
          target: "≥ 50,000 chats/s",
          met: (evaluated / chosenEvalMs) * 1000 >= 50_000,
        }),
        row({ benchmark: "digests", case: `${label}, follows and filters`, metric: "chats evaluated and rows written", unit: "chats/s", value: round((evaluated / chosen.ms) * 1000, 0), baseline: { ...base, value: round((evaluated / baseline.ms) * 1000, 0) } }),
        row({ benchmark: "digests", case: `${label}, building ${digests} digests`, metric: "time to build", unit: "s", value: round(buildMs / 1000, 2), baseline: null }),
      ],
      notes: [`digests: ${counts.digested} articles folded into ${digests} digests; ${chosen.rows} rows created with digests, follows and filters vs ${baseline.rows} instant-only.`],
    };
  } finally {
    await bench.close();
  }
}
