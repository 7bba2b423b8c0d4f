import { Composer, InputFile } from "grammy";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { FEED_ITEM_CALLBACK, feedListView } from "../format/feed-views.js";
import { escapeHtml, truncate } from "../format/html.js";
import { replyView } from "../reply.js";

/** OPML files larger than this are refused before download (a thousand feeds is ~200 KB). */
const OPML_MAX_BYTES = 1024 * 1024;

export interface FeedsFeatureOptions {
  /** Reads a file a user sent (by its Telegram file_path), as text. */
  download(filePath: string): Promise<string>;
}

/**
 * `/feeds` and its subcommands (admins only): list, add URL [topics], remove|pause|resume N,
 * review on|off N, export; an OPML file sent in a private chat is imported; the Publish and Skip
 * buttons of review cards.
 */
export function feedsFeature(deps: BotDeps, options: FeedsFeatureOptions) {
  const feature = new Composer<BotContext>();
  const feeds = deps.feeds;
  const isAdmin = async (ctx: BotContext) => Boolean(ctx.from && (await deps.isAdmin(ctx.from.id)));

  feature.command("feeds", async (ctx) => {
    if (!(await isAdmin(ctx))) return ctx.reply(ctx.t("feeds-admins-only"));
    const [typed = "", ...args] = ctx.match.trim().split(/\s+/).filter(Boolean);
    // Phones capitalise the first word: "/feeds Pause 3" is "/feeds pause 3".
    const action = typed.toLowerCase();
    const locale = await ctx.i18n.getLocale();
    switch (action) {
      case "":
      case "list":
        return replyView(ctx, feedListView(ctx.t, { feeds: await feeds.list(), locale }));
      case "add": {
        const [url, ...topicWords] = args;
        // A URL and a few topics; anything much longer is not a feed to add.
        if (!url || url.length > 2048 || topicWords.length > 20) return ctx.reply(ctx.t("feeds-usage"));
        const topics = topicWords.join(" ").split(/[\s,]+/).filter(Boolean);
        await ctx.replyWithChatAction("typing").catch(() => {});
        const outcome = await feeds.add({ url, topics, addedBy: ctx.from!.id });
        if (outcome.status === "exists") return ctx.reply(ctx.t("feeds-exists", { id: outcome.id }));
        if (outcome.status === "invalid") return ctx.reply(ctx.t("feeds-add-refused", { errors: quoted(outcome.errors.join("; ")) }));
        return ctx.reply(ctx.t("feeds-added", { id: outcome.id, title: quoted(outcome.title ?? outcome.url) }));
      }
      case "remove":
      case "pause":
      case "resume": {
        const id = feedId(args);
        if (id === undefined) return ctx.reply(ctx.t("feeds-usage"));
        const done = action === "remove" ? await feeds.remove(id) : action === "pause" ? await feeds.pause(id) : await feeds.resume(id);
        return ctx.reply(ctx.t(done ? `feeds-${action}d` : "feeds-not-found", { id }));
      }
      case "review": {
        const [typedMode, ...rest] = args;
        const mode = typedMode?.toLowerCase();
        const id = feedId(rest);
        if ((mode !== "on" && mode !== "off") || id === undefined) return ctx.reply(ctx.t("feeds-usage"));
        const done = await feeds.setReview(id, mode === "on");
        return ctx.reply(ctx.t(done ? (mode === "on" ? "feeds-review-on" : "feeds-review-off") : "feeds-not-found", { id }));
      }
      case "export": {
        const opml = await feeds.exportOpml();
        return ctx.replyWithDocument(new InputFile(Buffer.from(opml, "utf8"), "feeds.opml"), { caption: ctx.t("feeds-exported") });
      }
      default:
        return ctx.reply(ctx.t("feeds-usage"));
    }
  });

  // An OPML file sent to the bot in a private chat by an admin: import its feeds.
  feature.chatType("private").on("message:document", async (ctx, next) => {
    const document = ctx.message.document;
    const name = document.file_name?.toLowerCase() ?? "";
    const opmlLike = name.endsWith(".opml") || (name.endsWith(".xml") && /opml/i.test(name)) || document.mime_type === "text/x-opml";
    if (!opmlLike) return next();
    if (!(await isAdmin(ctx))) return ctx.reply(ctx.t("feeds-admins-only"));
    if ((document.file_size ?? 0) > OPML_MAX_BYTES) return ctx.reply(ctx.t("feeds-opml-too-large"));
    const file = await ctx.getFile();
    if (!file.file_path) return ctx.reply(ctx.t("feeds-opml-unreadable"));
    let result;
    try {
      result = await feeds.importOpml(await options.download(file.file_path), ctx.from.id);
    } catch (error) {
      deps.log.info({ err: error }, "OPML import refused");
      return ctx.reply(ctx.t("feeds-opml-unreadable"));
    }
    const refused = result.refused.slice(0, 10).map((r) => `• ${quoted(r.url)}: ${quoted(r.reason)}`).join("\n");
    return ctx.reply(ctx.t("feeds-opml-imported", { added: result.added, existing: result.existing, refused: result.refused.length }) + (refused ? `\n${refused}` : ""), {
      link_preview_options: { is_disabled: true },
    });
  });

  feature.callbackQuery(FEED_ITEM_CALLBACK, async (ctx) => {
    const [, action, id] = ctx.match;
    const itemId = Number(id);
    if (action === "skip") {
      const skipped = await feeds.skipReviewItem(itemId);
      await ctx.answerCallbackQuery({ text: ctx.t(skipped ? "feeds-review-skipped" : "feeds-review-gone") });
      if (skipped) await ctx.editMessageReplyMarkup().catch(() => {});
      return;
    }
    const outcome = await feeds.publishReviewItem(itemId, ctx.from.id);
    if (outcome.status === "gone") return ctx.answerCallbackQuery({ text: ctx.t("feeds-review-gone") });
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => {});
    if (outcome.status === "published") return ctx.reply(ctx.t("post-published", { id: outcome.id, deliveries: outcome.deliveries }));
    if (outcome.status === "duplicate") return ctx.reply(ctx.t("post-duplicate", { id: outcome.id }));
    return ctx.reply(ctx.t("feeds-review-invalid", { problems: quoted(outcome.problems.map((p) => p.message).join("; ")) }));
  });

  return feature;
}

/** Text from the user or a server, escaped and bounded (an error message, a URL). */
function quoted(text: string, max = 300): string {
  return escapeHtml(truncate(text, max));
}

function feedId(args: string[]): number | undefined {
  const [value, ...extra] = args;
  if (!value || extra.length > 0) return undefined;
  const id = Number(value.replace(/^#/, ""));
  return Number.isSafeInteger(id) && id > 0 && id < 2 ** 31 ? id : undefined;
}
