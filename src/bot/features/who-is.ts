import { Composer } from "grammy";
import { CARD_MENTIONS, type WhoIsAnswer } from "../../entities/who-is.js";
import { parseWhoQuestion } from "../../entities/question.js";
import { ENTITY_CALLBACK, MORE_MENTIONS_CALLBACK } from "../callbacks.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { entityCardView, moreMentionsView, whoChoicesView, whoUnknownView } from "../format/entity-views.js";
import type { View } from "../format/views.js";
import { replyView } from "../reply.js";

/** `/who name`, "who is …?" questions in four languages, bare names, and entity buttons. */
export function whoIsFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();

  async function render(ctx: BotContext, answer: WhoIsAnswer): Promise<View> {
    const locale = await ctx.i18n.getLocale();
    if (answer.kind === "card") return entityCardView(ctx.t, { card: answer.card, locale });
    if (answer.kind === "choices") return whoChoicesView(ctx.t, answer);
    return whoUnknownView(ctx.t, answer);
  }

  feature.command("who", async (ctx) => {
    const subject = ctx.match.trim();
    if (!subject) return ctx.reply(ctx.t("who-usage"));
    const question = parseWhoQuestion(subject);
    const answer = await deps.whoIs.answer(question?.asked ? question.subject : subject);
    if (answer) await replyView(ctx, await render(ctx, answer));
  });

  feature.on("message:text", async (ctx, next) => {
    if (ctx.msg.text.startsWith("/")) return next();
    const question = parseWhoQuestion(ctx.msg.text);
    if (!question) return next();
    // Chatter with no word close to a known name is not worth the database's fuzzy search.
    if (!question.asked && !(await deps.knownNames.mightBeName(question.subject))) return next();
    const answer = await deps.whoIs.answer(question.subject, { bareName: !question.asked });
    if (!answer) return next();
    await replyView(ctx, await render(ctx, answer));
  });

  feature.callbackQuery(ENTITY_CALLBACK, async (ctx) => {
    const card = await deps.whoIs.card(Number(ctx.match[1]));
    if (!card) return ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
    await ctx.answerCallbackQuery();
    await replyView(ctx, entityCardView(ctx.t, { card, locale: await ctx.i18n.getLocale() }));
  });

  feature.callbackQuery(MORE_MENTIONS_CALLBACK, async (ctx) => {
    const entityId = Number(ctx.match[1]);
    const offset = Number(ctx.match[2]);
    const page = await deps.whoIs.mentionsPage(entityId, offset, CARD_MENTIONS * 2);
    if (!page) return ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
    await ctx.answerCallbackQuery();
    await replyView(ctx, moreMentionsView(ctx.t, { entityId, ...page, offset, locale: await ctx.i18n.getLocale() }));
  });

  return feature;
}
