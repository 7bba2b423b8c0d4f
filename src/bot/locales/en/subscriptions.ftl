# /subscribe, /unsubscribe, /topics, /stats. Text is HTML: variables arrive escaped.

subscribe-menu-title = Tap a topic to follow or unfollow it. ✅ marks the topics this chat follows.
subscribe-added = ✅ Subscribed to { $topics }. New articles will arrive here as soon as they are published.
subscribe-already = This chat already follows { $topics }.
subscribe-unknown = I don’t know { $names }. Topics: { $topics }
subscribe-too-long = That is a long list. Send at most { $max } characters of topic names, or /subscribe alone for the menu.
subscribe-admins-only = Sorry, only the administrators of this group can change its subscriptions.
subscribe-offer = 🗞 The newest article about { $topic }:
menu-toggled-on = Following { $topic }
menu-toggled-off = No longer following { $topic }

unsubscribe-removed = 🔕 Unsubscribed from { $topics }.
unsubscribe-not-followed = This chat did not follow { $topics }.
unsubscribe-all-done = 🔕 Unsubscribed from every topic. Send /subscribe to follow topics again.
unsubscribe-nothing = This chat follows no topics. Send /subscribe to choose some.

topics-title = 🗂 Topics
topics-line = { $mark } { $name } (<code>{ $slug }</code>) — { $count ->
    [one] one subscriber
   *[other] { $count } subscribers
}
topics-footer = ✅ = followed in this chat. /subscribe topic to follow, /unsubscribe topic to stop.

stats-admins-only = Sorry, /stats is only for the bot’s administrators.
stats-title = 📊 Statistics
stats-chats = Chats with subscriptions: { $active } active, { $inactive } inactive (blocked or removed).
stats-feeds = Feeds: { $active } active, { $paused } paused, { $failing } failing, { $disabled } disabled (/feeds lists them).
stats-topics-title = Subscribers per topic
stats-topic-line = • { $name }: { $active } active, { $inactive } inactive
stats-articles-title = Deliveries of recent articles
stats-article-line = #{ $id } { $title }: { $sent } sent · { $pending } pending · { $failed } failed · { $cancelled } cancelled
stats-no-deliveries = No article has been delivered yet.

topics-add-usage = To add a topic: <code>/topics add slug Name | keyword, keyword</code>, for example <code>/topics add space Space | rocket, orbit, astronaut</code> (slug: a-z, 0-9 and -).
topics-added = Topic <b>{ $name }</b> (<code>{ $slug }</code>) added with { $count } keywords: articles published from now on can get it, and readers can /subscribe { $slug }.
topics-add-exists = A topic with this slug or name exists already: <code>{ $slug }</code>.
