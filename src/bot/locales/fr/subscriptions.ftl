# /subscribe, /unsubscribe, /topics, /stats. Le texte est du HTML : les variables arrivent échappées.

subscribe-menu-title = Touchez un thème pour le suivre ou ne plus le suivre. ✅ marque les thèmes suivis dans cette conversation.
subscribe-added = ✅ Abonnement à { $topics }. Les nouveaux articles arriveront ici dès leur publication.
subscribe-already = Cette conversation suit déjà { $topics }.
subscribe-unknown = Je ne connais pas { $names }. Thèmes : { $topics }
subscribe-too-long = La liste est bien longue. Envoyez au plus { $max } caractères de noms de thèmes, ou /subscribe seul pour le menu.
subscribe-admins-only = Désolé, seuls les administrateurs de ce groupe peuvent modifier ses abonnements.
subscribe-offer = 🗞 L’article le plus récent sur { $topic } :
menu-toggled-on = Vous suivez { $topic }
menu-toggled-off = Vous ne suivez plus { $topic }

unsubscribe-removed = 🔕 Désabonnement de { $topics }.
unsubscribe-not-followed = Cette conversation ne suivait pas { $topics }.
unsubscribe-all-done = 🔕 Désabonnement de tous les thèmes. Envoyez /subscribe pour en suivre à nouveau.
unsubscribe-nothing = Cette conversation ne suit aucun thème. Envoyez /subscribe pour en choisir.

topics-title = 🗂 Thèmes
topics-line = { $mark } { $name } (<code>{ $slug }</code>) — { $count ->
    [one] un abonné
   *[other] { $count } abonnés
}
topics-footer = ✅ = suivi dans cette conversation. /subscribe thème pour suivre, /unsubscribe thème pour arrêter.

stats-admins-only = Désolé, /stats est réservé aux administrateurs du bot.
stats-title = 📊 Statistiques
stats-chats = Conversations abonnées : { $active } actives, { $inactive } inactives (bot bloqué ou retiré).
stats-feeds = Flux : { $active } actifs, { $paused } en pause, { $failing } en échec, { $disabled } désactivés (/feeds les liste).
stats-topics-title = Abonnés par thème
stats-topic-line = • { $name } : { $active } actifs, { $inactive } inactifs
stats-articles-title = Envois des articles récents
stats-article-line = n° { $id } { $title } : { $sent } envoyés · { $pending } en attente · { $failed } en échec · { $cancelled } annulés
stats-no-deliveries = Aucun article n’a encore été envoyé.

topics-add-usage = Pour ajouter un thème : <code>/topics add slug Nom | mot-clé, mot-clé</code>, par exemple <code>/topics add espace Espace | fusée, orbite, astronaute</code> (slug : a-z, 0-9 et -).
topics-added = Thème <b>{ $name }</b> (<code>{ $slug }</code>) ajouté avec { $count } mots-clés : les articles publiés désormais peuvent le recevoir, et les lecteurs peuvent faire /subscribe { $slug }.
topics-add-exists = Un thème avec ce slug ou ce nom existe déjà : <code>{ $slug }</code>.
