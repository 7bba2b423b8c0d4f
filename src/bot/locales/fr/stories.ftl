help-story = un sujet : l’article de chaque média sur un même événement : /story numéro (admins : /story N split M, /story N merge M)
button-story = 🧵 Sujet
button-story-of = n°{ $id } · Sujet
story-outlets-line = { $count ->
    [one] 📰 { $count } média : { $outlets }
   *[other] 📰 { $count } médias : { $outlets }
}
story-more-outlets = +{ $count } autres
story-title = 🧵 Sujet n°{ $id } : { $title }
story-meta = { $articles ->
    [one] { $articles } article
   *[other] { $articles } articles
} · { $languages } · { $span }
story-articles = Articles, du plus ancien au plus récent
story-people = Qui est qui dans ce sujet
story-sources-title = 📚 Sources du sujet « { $title } »
story-sources-reporting = { $count ->
    [one] Rapporté par { $count } média
   *[other] Rapporté par { $count } médias
}
story-sources-cited = { $count ->
    [one] Cité comme source : { $count } média
   *[other] Cités comme sources : { $count } médias
}
story-cited-by = cité par { $outlets }
story-sources-disagree = ⚠️ Les médias donnent des chiffres différents pour « { $subject } » : { $figures }
story-no-outlet = ce bot
story-not-found = Je ne connais pas de sujet n°{ $id }. Le bouton 🧵 Sujet sous un article donne son numéro.
story-usage = Utilisez /story avec un numéro de sujet (le bouton 🧵 Sujet sous un article l’affiche). Admins : /story N split M sort l’article M du sujet N ; /story N merge M réunit le sujet M au sujet N.
story-admins-only = Seuls les admins peuvent séparer ou réunir des sujets.
story-split-done = L’article n°{ $article } forme maintenant un sujet à lui seul, n°{ $story }. Rien n’est renvoyé.
story-split-failed = L’article n°{ $article } n’est pas dans le sujet n°{ $story }, ou c’en est le seul article.
story-merge-done = Le sujet n°{ $from } fait maintenant partie du sujet n°{ $into }.
story-merge-failed = Réunion impossible : le sujet n°{ $from } ou n°{ $into } n’existe pas, ou c’est le même sujet.
