help-story = a story: every outlet's article about one event: /story number (admins: /story N split M, /story N merge M)
button-story = 🧵 Story
button-story-of = #{ $id } · Story
story-outlets-line = { $count ->
    [one] 📰 { $count } outlet: { $outlets }
   *[other] 📰 { $count } outlets: { $outlets }
}
story-more-outlets = +{ $count } more
story-title = 🧵 Story #{ $id }: { $title }
story-meta = { $articles ->
    [one] { $articles } article
   *[other] { $articles } articles
} · { $languages } · { $span }
story-articles = Articles, oldest first
story-people = Who's who across the story
story-sources-title = 📚 Sources of the story “{ $title }”
story-sources-reporting = { $count ->
    [one] Reported by { $count } outlet
   *[other] Reported by { $count } outlets
}
story-sources-cited = { $count ->
    [one] Cited as a source: { $count } outlet
   *[other] Cited as sources: { $count } outlets
}
story-cited-by = cited by { $outlets }
story-sources-disagree = ⚠️ The outlets give different figures for “{ $subject }”: { $figures }
story-no-outlet = this bot
story-not-found = I know no story #{ $id }. Stories are numbered in the Story button under an article.
story-usage = Use /story with a story number (the 🧵 Story button under an article shows it). Admins: /story N split M takes article M out of story N; /story N merge M moves story M into story N.
story-admins-only = Only admins can split or merge stories.
story-split-done = Article #{ $article } is now a story of its own, #{ $story }. Nothing is sent again.
story-split-failed = Article #{ $article } is not in story #{ $story }, or it is the story's only article.
story-merge-done = Story #{ $from } is now part of story #{ $into }.
story-merge-failed = Could not merge: story #{ $from } or #{ $into } does not exist, or they are the same story.
