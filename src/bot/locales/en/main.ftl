# Foundation messages. Text here is HTML: variables arrive escaped; write &amp; for a literal ampersand.

start-friend = there
start-greeting = 👋 Hello, { $name }! I bring you the news with its sources: who said what, and who is who.
start-latest-headline = 🗞 Newest headline:
start-features =
    What I can do:
    • /latest — the newest articles, by topic if you like
    • /sources — the original link and the outlets an article cites
    • /subscribe — get new articles of your topics as they are published
    • Ask me “who is Dmitriev?” and I answer from the people and organisations in the news
    /help lists every command.

help-title = Commands
help-start = welcome and the newest headline
help-help = this list
help-latest = newest articles: /latest [topic] [count up to 10]
help-sources = original link and cited outlets: /sources [article number]
help-subscribe = follow topics: /subscribe [topic…]
help-unsubscribe = stop following: /unsubscribe [topic…|all]
help-topics = all topics, with what you follow
help-who = who is someone in the news: /who name
help-follow = follow a person, organisation or place: /follow name
help-unfollow = stop following someone: /unfollow name
help-following = who this chat follows
help-filter = keyword filters: /filter +word, /filter -word, /filter clear
help-digest = digests instead of one message per article: /digest hourly|daily 08:00|weekly monday 09:00|off
help-quiet = quiet hours: /quiet 22:00-07:00|off
help-timezone = this chat’s time zone: /timezone Paris, /timezone UTC+3
help-settings = every setting of this chat in one menu
help-language = choose the bot’s language
help-questions = You can also just ask: “who is Witkoff?”, “qui est Dmitriev ?”, “кто такой Зеленский?”
help-admin-title = For admins
help-post = publish a new article
help-feeds = feeds the bot reads by itself: /feeds add URL [topics], pause, resume, remove, review, export
help-stats = subscribers and deliveries
help-admins = list, add or remove admins: /admins add|remove id
help-cancel = leave the current dialogue

button-original = 🔗 Original article
button-sources = 📚 Sources
button-whos-who = 👥 Who’s who
button-full-text = 📄 Full text
button-sources-of = #{ $id } · Sources
button-whos-who-of = #{ $id } · Who’s who
button-expired = This button is no longer valid. Send /latest for fresh ones.

latest-title = 🗞 Latest news
latest-title-topic = 🗞 Latest news: { $topic }
latest-empty = There are no articles yet.
latest-empty-topic = There are no articles about { $topic } yet.
latest-read-original = Read the original
latest-footer = /sources number shows what an article cites.
latest-bad-count = The count must be a whole number from 1 to { $max }, for example /latest 3 or /latest ukraine 5. Topics: { $topics }
latest-unknown-topic = I don’t know the topic “{ $topic }”. Topics: { $topics }

sources-title = 📚 Sources of “{ $title }”
sources-original = Original article:
sources-no-original = This article has no original link.
sources-none = The article does not attribute its information to any outlet I know.
sources-outlets = { $count ->
    [one] Outlets cited: one
   *[other] Outlets cited: { $count }
}
sources-speakers = { $count ->
    [one] Also quoted: one speaker
   *[other] Also quoted: { $count } speakers
}
sources-bad-argument = “{ $value }” is not an article number. Use /sources 12 with a number from /latest, or /sources alone for the newest.
article-not-found = There is no article number { $id }. /latest shows the article numbers.

whos-who-title = 👥 Who’s who in “{ $title }”
whos-who-none = No people or organisations are recorded for this article.
kind-person-icon = 👤
kind-organization-icon = 🏛
kind-place-icon = 📍

unknown-command = I don’t know the command /{ $command }. /help lists what I can do.
unknown-text = I didn’t understand that. Try /latest for the news, ask “who is Dmitriev?”, or send /help.
unknown-message = I can only read text messages. /help lists what I can do.
error-generic = Sorry, something went wrong on my side. Please try again in a moment.
