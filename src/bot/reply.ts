/** Sends a rendered view: each HTML message in order, the keyboard under the last one. */
import type { Context } from "grammy";
import type { Message } from "grammy/types";
import type { View } from "./format/views.js";

/** Replies in the current chat with `view`; returns the messages sent. Works inside conversations too. */
export async function replyView(ctx: Pick<Context, "reply">, view: View): Promise<Message.TextMessage[]> {
  const sent: Message.TextMessage[] = [];
  for (const [index, text] of view.messages.entries()) {
    const last = index === view.messages.length - 1;
    sent.push(
      await ctx.reply(text, {
        reply_markup: last ? view.keyboard : undefined,
        link_preview_options: view.preview && last ? { url: view.preview.url, prefer_small_media: true } : { is_disabled: true },
      }),
    );
  }
  return sent;
}
