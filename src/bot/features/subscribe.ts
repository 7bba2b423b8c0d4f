import { Menu } from "@grammyjs/menu";
import { Composer, type CommandContext } from "grammy";
import { chatInfoOf, mayManageChat, threadOf } from "../chat-admin.js";
import { parseTopicRequest } from "../../news/topic-request.js";
import type { BotContext } from "../context.js";
import { echo } from "../format/publishing-views.js";
import type { BotDeps } from "../deps.js";
import {
  offerView,
  subscribeResultView,
  withOffer,
  topicButtonLabel,
  topicsView,
  unsubscribeResultView,
} from "../format/subscription-views.js";
import { localizedTopicName } from "../format/views.js";
import { replyView } from "../reply.js";
import { ALL_TOPICS } from "../../subscriptions/service.js";


/** The longest /subscribe or /unsubscribe argument read, in characters (every topic fits many times). */
const MAX_TOPIC_REQUEST = 400;

/**
 * `/subscribe [topic…]`, `/unsubscribe [topic…|all]` and `/topics`. Without arguments the first two
 * open a menu of every topic (✅ = followed) where a tap toggles. In groups only administrators may
 * change subscriptions. Sent inside a forum topic of a supergroup, they concern that forum topic:
 * its articles are delivered there.
 */
export function subscribeFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();

  const menu = new Menu<BotContext>("topics", { autoAnswer: false }).dynamic(async (ctx, range) => {
    const locale = await ctx.i18n.getLocale();
    const [topics, mine] = await Promise.all([deps.news.listTopics(), deps.subscriptions.followedSlugs(ctx.chat!.id, threadOf(ctx))]);
    topics.forEach((topic, i) => {
      range.text({ text: topicButtonLabel(topic, mine.has(topic.slug), locale), payload: topic.slug }, async (ctx) => {
        if (!(await mayManageChat(ctx))) {
          return ctx.answerCallbackQuery({ text: ctx.t("subscribe-admins-only"), show_alert: true });
        }
        const result = await deps.subscriptions.toggle(chatInfoOf(ctx), String(ctx.match), threadOf(ctx));
        const name = result.topic ? localizedTopicName(result.topic, locale) : String(ctx.match);
        await ctx.answerCallbackQuery({ text: ctx.t(result.subscribed ? "menu-toggled-on" : "menu-toggled-off", { topic: name }) });
        ctx.menu.update();
        if (result.offer) await replyView(ctx, offerView(ctx.t, { ...result.offer, all: topics, locale }));
      });
      if (i % 2 === 1) range.row();
    });
  });
  feature.use(menu);

  /**
   * What /subscribe and /unsubscribe share: in groups only administrators; without topics, the menu.
   * True when that already answered.
   */
  async function answeredWithoutTopics(ctx: CommandContext<BotContext>): Promise<boolean> {
    if (!(await mayManageChat(ctx))) {
      await ctx.reply(ctx.t("subscribe-admins-only"));
      return true;
    }
    // Bounded before any parsing: a topic list is a few words, not a page.
    if (ctx.match.length > MAX_TOPIC_REQUEST) {
      await ctx.reply(ctx.t("subscribe-too-long", { max: MAX_TOPIC_REQUEST }));
      return true;
    }
    if (ctx.match.trim()) return false;
    await deps.chats.remember(chatInfoOf(ctx));
    await ctx.reply(ctx.t("subscribe-menu-title"), { reply_markup: menu });
    return true;
  }

  feature.command("subscribe", async (ctx) => {
    if (await answeredWithoutTopics(ctx)) return;
    const locale = await ctx.i18n.getLocale();
    const result = await deps.subscriptions.subscribe(chatInfoOf(ctx), ctx.match, threadOf(ctx));
    const all = await deps.news.listTopics();
    const answer = subscribeResultView(ctx.t, { result, all, locale });
    await replyView(ctx, result.offer ? withOffer(answer, offerView(ctx.t, { ...result.offer, all, locale })) : answer);
  });

  feature.command("unsubscribe", async (ctx) => {
    if (await answeredWithoutTopics(ctx)) return;
    const locale = await ctx.i18n.getLocale();
    const result = await deps.subscriptions.unsubscribe(ctx.chat.id, ctx.match, threadOf(ctx));
    const all = await deps.news.listTopics();
    await replyView(ctx, unsubscribeResultView(ctx.t, { result, all, locale, everything: ALL_TOPICS.test(ctx.match) }));
  });

  feature.command("topics", async (ctx) => {
    // "/topics add slug Name | keyword, keyword": an admin's own topic, named and keyed in their language.
    const adding = /^add\b\s*(.*)$/isu.exec(ctx.match.trim());
    if (adding) {
      if (!ctx.from || !(await deps.isAdmin(ctx.from.id))) return ctx.reply(ctx.t("admins-not-admin"));
      const locale = await ctx.i18n.getLocale();
      const [head = "", keywordPart = ""] = (adding[1] ?? "").split("|");
      const [slug = "", ...nameWords] = head.trim().split(/\s+/);
      const name = nameWords.join(" ");
      const keywords = keywordPart.split(",").map((k) => k.trim()).filter(Boolean);
      const parsed = parseTopicRequest({ slug, names: { en: name, [locale]: name }, keywords: keywords.length ? { [locale]: keywords } : {} });
      if (!parsed.ok) return ctx.reply(ctx.t("topics-add-usage"));
      const outcome = await deps.news.addTopic(parsed.value);
      return ctx.reply(outcome.status === "added" ? ctx.t("topics-added", { slug: echo(slug), name: echo(name), count: keywords.length }) : ctx.t("topics-add-exists", { slug: echo(outcome.slug) }));
    }
    const states = await deps.subscriptions.overview(ctx.chat.id, threadOf(ctx));
    await replyView(ctx, topicsView(ctx.t, { states, locale: await ctx.i18n.getLocale() }));
  });

  return feature;
}
