# Feeds (admins only): /feeds, OPML files, review cards, failing notices. Text here is HTML: variables arrive escaped.

feeds-admins-only = Sorry, only the bot’s admins can see or change the feeds.
feeds-none = No feed yet. /feeds add URL [topics] adds one: a feed address, or a site’s page that names its feed. You can also send me an OPML file.
feeds-title = 📡 Feeds ({ $count })
feeds-state-active = active
feeds-state-paused = paused
feeds-state-failing = failing
feeds-state-disabled = disabled
feeds-mode-publish = publishes at once
feeds-mode-review = waits for review
feeds-line-state = { $state }, { $mode } · { $items } items, { $duplicates } duplicates
feeds-line-fetched = last fetched { $date }
feeds-line-never = not fetched yet
feeds-line-topics = topics: { $topics }
feeds-line-error = last error: { $error }
feeds-usage =
    /feeds lists the feeds.
    /feeds add URL [topics] adds one (new items reach the topics’ subscribers; items already in the feed are not sent).
    /feeds remove|pause|resume N, /feeds review on|off N (new items wait for your Publish), /feeds export (OPML). Send an OPML file to import feeds.
feeds-added = ✅ Feed #{ $id } added: { $title }. I am reading it now; its current items are stored without being sent, and new ones will reach subscribers.
feeds-exists = This feed is already there as #{ $id }.
feeds-add-refused = I can’t add this feed: { $errors }
feeds-removed = Feed #{ $id } removed. Articles already published stay.
feeds-paused = Feed #{ $id } paused. /feeds resume { $id } starts it again.
feeds-resumed = Feed #{ $id } is active again; I am reading it now.
feeds-not-found = There is no feed #{ $id }. /feeds lists them.
feeds-review-on = New items of feed #{ $id } will wait for your review.
feeds-review-off = New items of feed #{ $id } will be published at once.
feeds-exported = Your feeds, as OPML.
feeds-opml-too-large = This file is too large for a list of feeds (1 MB at most).
feeds-opml-unreadable = I could not read this file as OPML. Export it again from your feed reader and send it as a file.
feeds-opml-imported = OPML imported: { $added } feeds added, { $existing } already there, { $refused } refused.
feeds-review-intro = 📥 New item from { $feed }, waiting for your review:
feeds-review-publish = 🚀 Publish
feeds-review-skip = ✖️ Skip
feeds-review-skipped = Skipped.
feeds-review-gone = This item was already handled.
feeds-review-invalid = I could not publish this item: { $problems }
feeds-notice-failing = ⚠️ Feed #{ $id } ({ $feed }) has failed for a day: { $error }. I keep trying less often; after a week of failures it is disabled. /feeds shows it.
feeds-notice-disabled = 🔴 Feed #{ $id } ({ $feed }) failed for a week and is now disabled: { $error }. /feeds resume { $id } tries again.
