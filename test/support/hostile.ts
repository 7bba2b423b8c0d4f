/**
 * Driving the real bot with hostile updates and judging each one: nothing thrown, no handler
 * failure caught by the error boundary, every outgoing call acceptable to Telegram, and no table
 * changed except those the update may legitimately write.
 */
import { sql } from "drizzle-orm";
import type { Update } from "grammy/types";
import type { Db } from "../../src/db/client.js";
import type { UpdateObservation } from "../../src/bot/middleware/update-log.js";
import { createTestBot, type TestDepsOptions } from "./bot.js";
import type { createSeededApp } from "./database.js";
import { captureLogs } from "./logs.js";
import { checkTelegramHtml, LONE_SURROGATE, TELEGRAM_TEXT_LIMIT } from "./telegram-html.js";
import { TEST_BOT_INFO } from "./telegram.js";

type App = Awaited<ReturnType<typeof createSeededApp>>;

/**
 * Per table: row count and the newest row version's transaction id. Every insert or update writes a
 * row version with a new, higher `xmin`, and a delete lowers the count, so any write shows, without
 * reading the rows' content (a content digest costs 200 ms per snapshot on the seeded database).
 */
export type Snapshot = Map<string, string>;

function rowsOf(result: unknown): Record<string, unknown>[] {
  return (Array.isArray(result) ? result : (result as { rows: Record<string, unknown>[] }).rows) as Record<string, unknown>[];
}

const tableNames = new WeakMap<Db, string[]>();

/** Fingerprints every table of the public schema, so tables added later are covered too. */
export async function snapshot(db: Db): Promise<Snapshot> {
  let tables = tableNames.get(db);
  if (!tables) {
    tables = rowsOf(
      await db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`),
    ).map((row) => String(row.table_name));
    tableNames.set(db, tables);
  }
  const query = tables
    .map((table) => `select '${table}' as t, count(*)::text || ':' || coalesce(max(xmin::text::bigint), 0)::text as f from public."${table}"`)
    .join(" union all ");
  return new Map(rowsOf(await db.execute(sql.raw(query))).map((row) => [String(row.t), String(row.f)]));
}


const CHANGE_LOG = "test_changed_tables";
const installed = new WeakMap<Db, Promise<void>>();

/**
 * Which tables were written, from row triggers on every table of the public schema (added once per
 * database, so tables added later are covered too): a row inserted, updated or deleted, or a
 * truncate, notes its table in an unlogged side table. Reading that is one query per update where
 * a fingerprint of every table scans them all (seconds per hundred updates on the seeded database).
 */
export function recordChanges(db: Db) {
  const install = async () => {
    // One statement per call: postgres.js sends each as a prepared statement.
    await db.execute(sql.raw(`create unlogged table if not exists ${CHANGE_LOG} (name text primary key)`));
    await db.execute(sql.raw(`
      create or replace function test_note_change() returns trigger language plpgsql as $$
      begin
        insert into ${CHANGE_LOG} values (TG_TABLE_NAME) on conflict do nothing;
        return null;
      end $$`));
    await db.execute(sql.raw(`
      do $$
      declare t text;
      begin
        for t in select table_name from information_schema.tables
          where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> '${CHANGE_LOG}'
        loop
          execute format('create trigger test_note_row after insert or update or delete on public.%I for each row execute function test_note_change()', t);
          execute format('create trigger test_note_truncate after truncate on public.%I for each statement execute function test_note_change()', t);
        end loop;
      end $$;`));
  };
  const ready = () => {
    let promise = installed.get(db);
    if (!promise) installed.set(db, (promise = install()));
    return promise;
  };
  return {
    /** Forgets what was written so far. */
    async clear(): Promise<void> {
      await ready();
      await db.execute(sql.raw(`delete from ${CHANGE_LOG}`));
    },
    /** The tables written since the last `clear` or `take`, sorted; forgets them. */
    async take(): Promise<string[]> {
      await ready();
      return rowsOf(await db.execute(sql.raw(`delete from ${CHANGE_LOG} returning name`))).map((row) => String(row.name)).sort();
    },
  };
}

/** Problems with one outgoing Bot API call, as Telegram would see them. */
export function checkOutgoingCall(call: { method: string; payload: Record<string, unknown> }): string[] {
  const problems: string[] = [];
  const { method, payload } = call;
  if (typeof payload.text === "string" && (method === "sendMessage" || method === "editMessageText")) {
    if (payload.parse_mode === "HTML") problems.push(...checkTelegramHtml(payload.text).problems);
    else {
      if (payload.parse_mode !== undefined) problems.push(`unexpected parse_mode ${String(payload.parse_mode)}`);
      if (payload.text.trim().length === 0) problems.push("empty text");
      if (payload.text.length > TELEGRAM_TEXT_LIMIT) problems.push(`text of ${payload.text.length} characters`);
      if (LONE_SURROGATE.test(payload.text)) problems.push("text contains a lone surrogate");
    }
  }
  if (method === "answerCallbackQuery" && typeof payload.text === "string") {
    if (payload.text.length > 200) problems.push(`callback answer of ${payload.text.length} characters (limit 200)`);
    if (LONE_SURROGATE.test(payload.text)) problems.push("callback answer contains a lone surrogate");
  }
  const markup = payload.reply_markup as { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined;
  for (const button of markup?.inline_keyboard?.flat() ?? []) {
    if (!button.text || LONE_SURROGATE.test(button.text)) problems.push(`bad button text ${JSON.stringify(button.text)}`);
    if (button.callback_data !== undefined) {
      const bytes = Buffer.byteLength(button.callback_data, "utf8");
      if (bytes < 1 || bytes > 64) problems.push(`callback_data of ${bytes} bytes (limit 1–64)`);
    }
  }
  return problems;
}

/** What one update did. */
export interface Verdict {
  /** What escaped `handleUpdate` (must be nothing). */
  thrown?: unknown;
  /** The error boundary caught a handler failure (the update's log line has ok: false). */
  handlerFailed: boolean;
  /** Error-level log lines written while handling it. */
  errors: string[];
  /** Problems with what was sent to Telegram, per call. */
  callProblems: string[];
  /** Tables whose content changed. */
  changed: string[];
  /** Every Bot API call made. */
  calls: { method: string; payload: Record<string, unknown> }[];
}

/** The real bot over `app`, with captured logs and an update observer, and a judge for updates. */
export function createHostileBot(app: App, options: TestDepsOptions = {}) {
  const logs = captureLogs({ level: "info" });
  const observations: UpdateObservation[] = [];
  const { bot, api } = createTestBot(app, { ...options, deps: { log: logs.log, observeUpdate: (o) => observations.push(o) } });

  const changes = recordChanges(app.database.db);

  async function send(update: Update): Promise<Verdict> {
    await changes.clear();
    api.clear();
    const linesBefore = logs.lines().length;
    const observed = observations.length;
    let thrown: unknown;
    try {
      await bot.handleUpdate(update);
    } catch (error) {
      thrown = error;
    }
    const changed = await changes.take();
    const newLines = logs.lines().slice(linesBefore);
    const calls = api.calls.map((c) => ({ method: c.method, payload: c.payload }));
    return {
      thrown,
      handlerFailed: observations.slice(observed).some((o) => !o.ok),
      errors: newLines.filter((line) => Number(line.level) >= 50).map((line) => `${line.msg}: ${JSON.stringify(line.err ?? "")}`.slice(0, 500)),
      callProblems: calls.flatMap((call) => checkOutgoingCall(call).map((p) => `${call.method}: ${p}`)),
      changed,
      calls,
    };
  }

  return { bot, api, logs, send };
}

/** Describes everything wrong with `verdict` given the tables the update may write; empty = fine. */
export function faultsOf(verdict: Verdict, allowed: ReadonlySet<string>): string[] {
  const faults: string[] = [];
  if (verdict.thrown !== undefined) faults.push(`threw ${String((verdict.thrown as Error)?.stack ?? verdict.thrown).slice(0, 400)}`);
  if (verdict.handlerFailed) faults.push("a handler failed (caught by the error boundary)");
  faults.push(...verdict.errors.map((e) => `logged error ${e}`));
  faults.push(...verdict.callProblems);
  const unexpected = verdict.changed.filter((table) => !allowed.has(table));
  if (unexpected.length > 0) faults.push(`changed tables ${unexpected.join(", ")}`);
  return faults;
}

/**
 * The tables an update may change: only valid commands write, and only their own tables. The
 * bot's username decides whether `/cmd@name` is for us, as grammY does.
 */
export function allowedWrites(update: Update, options: { isAdmin?: (userId: number) => boolean; sourceChannelId?: number } = {}): Set<string> {
  const allowed = new Set<string>();
  const message = update.message ?? update.channel_post;
  const text = message?.text;
  const entity = message?.entities?.[0];
  if (text && entity?.type === "bot_command" && entity.offset === 0) {
    const [name, target] = text.slice(1, entity.length).split("@");
    if (target === undefined || target.toLowerCase() === TEST_BOT_INFO.username.toLowerCase()) {
      const args = text.slice(entity.length).trim().split(/\s+/).filter(Boolean);
      const fromAdmin = message.from !== undefined && (options.isAdmin?.(message.from.id) ?? false);
      if (name === "start") allowed.add("chats");
      if (name === "subscribe" || name === "unsubscribe") ["chats", "subscriptions"].forEach((t) => allowed.add(t));
      if (name === "admins" && fromAdmin && args.length === 2 && /^\d{1,15}$/.test(args[1]!) && Number(args[1]) > 0) allowed.add("admins");
      // /post opens the conversation, whose state lives in kv_store.
      if (name === "post" && fromAdmin && message.chat.type === "private") allowed.add("kv_store");
    }
  }
  // A real menu button of this chat: the language menu stores the choice, the topics menu toggles.
  const data = update.callback_query?.data;
  if (data?.startsWith("language/")) allowed.add("chats");
  if (data?.startsWith("topics/")) ["chats", "subscriptions"].forEach((t) => allowed.add(t));
  if (update.my_chat_member) ["chats", "subscriptions", "deliveries"].forEach((t) => allowed.add(t));
  return allowed;
}
