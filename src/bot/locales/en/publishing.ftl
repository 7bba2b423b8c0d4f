# Publishing: /post, /cancel, /admins. Text here is HTML: variables arrive escaped.

post-not-admin = Sorry, only the bot’s admins can publish articles. If you have news to share, contact them.
post-private-only = Please send /post in a private chat with me.
post-ask-article =
    📝 Send me the article: the first line is the title, the rest is the text, and a link anywhere in it is taken as the original article. You can also forward a message.
    /cancel stops at any step.
post-need-text = I need the article as text, or a forwarded message with text or a caption. /cancel stops.
post-duplicate = This article is already published as #{ $id } (same link or same text), so I did not publish it again. /sources { $id } shows it.
post-preview-intro = 👀 Preview: subscribers of the ticked topics will receive exactly the next message. Tick the topics, then press Publish.
post-preview-intro-no-topics = 👀 Preview: subscribers will receive exactly the next message. No topic is ticked yet: tick at least one, or nobody receives it.
post-topic-selected = ✅ { $topic }
post-topic-unselected = ⬜ { $topic }
post-button-publish = 🚀 Publish
post-button-edit-title = ✏️ Edit title
post-button-edit-summary = ✏️ Edit summary
post-button-cancel = ✖️ Cancel
post-ask-title = Send the new title (one line, up to { $max } characters).
post-ask-summary = Send the new summary: one or two sentences, up to { $max } characters.
post-too-long = That is { $length } characters; the limit is { $max }. Please send a shorter one.
post-use-buttons = Use the buttons under the preview, or /cancel to stop.
post-published = { $deliveries ->
    [0] ✅ Published as #{ $id }. No chat follows its topics yet, so nobody receives it now.
    [one] ✅ Published as #{ $id }. It will reach one chat.
   *[other] ✅ Published as #{ $id }. It will reach { $deliveries } chats.
}
post-broadcast-failed = ⚠️ The article was stored as #{ $id }, but its deliveries could not be queued. Please tell whoever runs the bot.
post-invalid = I can’t publish this yet:
post-cancelled = Cancelled. Nothing was published.
cancel-nothing = There is nothing to cancel.

admins-not-admin = Sorry, only admins can see or change the list of admins.
admins-title = 👮 Admins
admins-none = There are no admins yet.
admins-entry-config = • { $id } (from ADMIN_IDS)
admins-entry-added = • { $id }
admins-entry-added-by = • { $id } (added by { $by })
admins-usage = /admins add id adds an admin, /admins remove id removes one. An id is a number: the user can get theirs from @userinfobot.
admins-bad-id = “{ $value }” is not a Telegram user id. An id is a positive number, for example /admins add 123456789.
admins-added = { $id } is now an admin.
admins-already = { $id } is already an admin.
admins-removed = { $id } is no longer an admin.
admins-not-found = { $id } is not an admin.
admins-config-admin = { $id } is an admin from ADMIN_IDS in the bot’s configuration: remove it there and restart the bot.
