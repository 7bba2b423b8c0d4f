# Messages de base. Le texte est du HTML : les variables arrivent échappées ; écrire &amp; pour une esperluette.

start-friend = à vous
start-greeting = 👋 Bonjour { $name } ! Je vous apporte l’actualité avec ses sources : qui a dit quoi, et qui est qui.
start-latest-headline = 🗞 Dernier titre :
start-features =
    Ce que je sais faire :
    • /latest — les derniers articles, par thème si vous voulez
    • /sources — le lien d’origine et les médias cités par un article
    • /subscribe — recevoir les nouveaux articles de vos thèmes dès leur publication
    • Demandez-moi « qui est Dmitriev ? » et je réponds à partir des personnes et organisations de l’actualité
    /help donne toutes les commandes.

help-title = Commandes
help-start = accueil et dernier titre
help-help = cette liste
help-latest = derniers articles : /latest [thème] [nombre jusqu’à 10]
help-sources = lien d’origine et médias cités : /sources [numéro d’article]
help-subscribe = suivre des thèmes : /subscribe [thème…]
help-unsubscribe = ne plus suivre : /unsubscribe [thème…|all]
help-topics = tous les thèmes, et ceux que vous suivez
help-who = qui est une personne de l’actualité : /who nom
help-follow = suivre une personne, une organisation ou un lieu : /follow nom
help-unfollow = ne plus suivre quelqu’un : /unfollow nom
help-following = ce que ce chat suit
help-filter = filtres par mots : /filter +mot, /filter -mot, /filter clear
help-digest = des résumés plutôt qu’un message par article : /digest hourly|daily 08:00|weekly lundi 09:00|off
help-quiet = heures calmes : /quiet 22:00-07:00|off
help-timezone = le fuseau horaire de ce chat : /timezone Paris, /timezone UTC+1
help-settings = tous les réglages de ce chat dans un menu
help-language = choisir la langue du bot
help-questions = Vous pouvez aussi simplement demander : « qui est Witkoff ? », “who is Dmitriev?”, « кто такой Зеленский? »
help-admin-title = Pour les administrateurs
help-post = publier un nouvel article
help-feeds = flux que le bot lit lui-même : /feeds add URL [rubriques], pause, resume, remove, review, export
help-stats = abonnés et envois
help-admins = lister, ajouter ou retirer des administrateurs : /admins add|remove id
help-cancel = quitter le dialogue en cours

button-original = 🔗 Article d’origine
button-sources = 📚 Sources
button-whos-who = 👥 Qui est qui
button-full-text = 📄 Texte intégral
button-sources-of = n°{ $id } · Sources
button-whos-who-of = n°{ $id } · Qui est qui
button-expired = Ce bouton n’est plus valable. Envoyez /latest pour en avoir de nouveaux.

latest-title = 🗞 Dernières nouvelles
latest-title-topic = 🗞 Dernières nouvelles : { $topic }
latest-empty = Il n’y a pas encore d’article.
latest-empty-topic = Il n’y a pas encore d’article sur le thème { $topic }.
latest-read-original = Lire l’original
latest-footer = /sources numéro montre ce qu’un article cite.
latest-bad-count = Le nombre doit être un entier de 1 à { $max }, par exemple /latest 3 ou /latest ukraine 5. Thèmes : { $topics }
latest-unknown-topic = Je ne connais pas le thème « { $topic } ». Thèmes : { $topics }

sources-title = 📚 Sources de « { $title } »
sources-original = Article d’origine :
sources-no-original = Cet article n’a pas de lien d’origine.
sources-none = L’article n’attribue ses informations à aucun média que je connais.
sources-outlets = { $count ->
    [one] Médias cités : un
   *[other] Médias cités : { $count }
}
sources-speakers = { $count ->
    [one] Également cité : un intervenant
   *[other] Également cités : { $count } intervenants
}
sources-bad-argument = « { $value } » n’est pas un numéro d’article. Utilisez /sources 12 avec un numéro donné par /latest, ou /sources seul pour le plus récent.
article-not-found = Il n’y a pas d’article numéro { $id }. /latest montre les numéros des articles.

whos-who-title = 👥 Qui est qui dans « { $title } »
whos-who-none = Aucune personne ni organisation n’est enregistrée pour cet article.
kind-person-icon = 👤
kind-organization-icon = 🏛
kind-place-icon = 📍

unknown-command = Je ne connais pas la commande /{ $command }. /help liste ce que je sais faire.
unknown-text = Je n’ai pas compris. Essayez /latest pour l’actualité, demandez « qui est Dmitriev ? » ou envoyez /help.
unknown-message = Je ne lis que les messages texte. /help liste ce que je sais faire.
error-generic = Désolé, un problème est survenu de mon côté. Réessayez dans un instant.
