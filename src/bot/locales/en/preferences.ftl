# /follow, /unfollow, /following, /filter, /digest, /quiet, /timezone, /settings, digests. Text is HTML: variables arrive escaped.

prefs-admins-only = Sorry, only the administrators of this group can change what it receives.

follow-usage = Send /follow and a name: /follow Dmitriev. Articles naming that person, organisation or place will reach this chat, beside its topics.
follow-done = ⭐ Following { $name }. Articles that name them reach this chat, once each, even outside its topics.
follow-already = This chat already follows { $name }.
follow-which = Several match “{ $subject }”. Which one do you want to follow?
follow-unknown = I know no one called “{ $subject }” in the news yet.
follow-unknown-suggest = I know no one called “{ $subject }”. Did you mean one of these?
follow-too-many = This chat follows as many as it can ({ $max }). /following lists them; drop one first.
follow-button = ⭐ Follow
unfollow-done = No longer following { $name }.
unfollow-not-followed = This chat does not follow “{ $subject }”. /following lists what it follows.
following-none = This chat follows no one. /follow name, or the ⭐ Follow button on a person’s card, adds someone.
following-title = ⭐ Followed ({ $count }). Tap a name to stop following it.

filter-none = No keyword filter. /filter +word: only articles containing the word; /filter -word: never articles containing it. Words match in every form and language (“+élection” finds “élections”), and names match their people.
filter-title = 🔎 Keyword filters
filter-include = Must contain one of: { $words }
filter-exclude = Must not contain: { $words }
filter-footer = /filter +word or -word to add, /filter clear word to drop one, /filter clear to drop all.
filter-added-include = ✅ Only articles containing “{ $word }” (or another + word) will reach this chat.
filter-added-exclude = 🚫 Articles containing “{ $word }” will not reach this chat.
filter-cleared = { $count ->
    [0] There was no filter to remove.
    [one] One filter removed.
   *[other] { $count } filters removed.
}
filter-empty = Add a word after + or -: /filter +climate, /filter -football.
filter-too-long = A filter is one word or a short name, at most { $max } characters.
filter-not-a-word = A filter needs letters or digits: /filter +climate.
filter-too-many = This chat has as many filters as it can ({ $max }). /filter clear word drops one.

digest-usage =
    /digest hourly — one message an hour
    /digest daily 08:00 — one message a day at that time
    /digest weekly monday 09:00 — one message a week
    /digest off — each article as it is published
    Times are in this chat’s time zone: { $zone } (/timezone to change it).
digest-set-instant = 🔔 Articles arrive one by one, as they are published.
digest-set-hourly = 🗞 One digest an hour. Next: { $next }.
digest-set-daily = 🗞 One digest a day at { $time } ({ $zone }). Next: { $next }.
digest-set-weekly = 🗞 One digest a week, { $weekday } at { $time } ({ $zone }). Next: { $next }.
digest-bad-time = I could not read that time. Use HH:MM, for example /digest daily 08:00.
digest-bad-weekday = I could not read that day. For example: /digest weekly monday 09:00.
digest-title = { $count ->
    [one] 🗞 Your digest: one article
   *[other] 🗞 Your digest: { $count } articles
}
digest-more = { $count ->
    [one] …and one more: /latest
   *[other] …and { $count } more: /latest
}

quiet-usage = /quiet 22:00-07:00: articles wait until the end of those hours (in { $zone }). /quiet off ends them.
quiet-set = 🌙 Quiet hours { $start }–{ $end } ({ $zone }): articles wait until { $end }.
quiet-off = Quiet hours off: articles arrive at any time.

timezone-usage = This chat’s time zone is { $zone } (it is { $now } there). Send /timezone and a city or an offset: /timezone Paris, /timezone Kyiv, /timezone UTC+3.
timezone-set = 🕰 Time zone: { $zone }. It is { $now } there.
timezone-unknown = I don’t know the time zone “{ $input }”. Try a big city near you (/timezone Lyon) or an offset (/timezone UTC+2).

weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
weekday-7 = Sunday

settings-title = ⚙️ Settings of this chat
settings-delivery-instant = Delivery: each article at once
settings-delivery-hourly = Delivery: a digest every hour
settings-delivery-daily = Delivery: a digest every day at { $time }
settings-delivery-weekly = Delivery: a digest every { $weekday } at { $time }
settings-zone = Time zone: { $zone } (/timezone)
settings-quiet = Quiet hours: { $start }–{ $end } (/quiet)
settings-quiet-none = Quiet hours: none (/quiet 22:00-07:00)
settings-language = Language: { $language } (/language)
settings-counts = Topics: { $topics } (/subscribe) · Followed: { $follows } (/following) · Filters: { $filters } (/filter)
settings-button-instant = At once
settings-button-hourly = Hourly
settings-button-daily = Daily
settings-button-weekly = Weekly
settings-button-previews-on = 🔗 Link previews: on
settings-button-previews-off = 🔗 Link previews: off
settings-button-silent-on = 🔕 Silent: on
settings-button-silent-off = 🔔 Silent: off
settings-saved = Saved
settings-language-auto = automatic

stats-modes = Delivery: { $instant } at once, { $hourly } hourly, { $daily } daily, { $weekly } weekly digests; { $saved } messages saved by digests.
stats-follows-title = Most followed
stats-follow-line = • { $name }: { $count }
following-stop = ✖ Stop following { $name }
