# Publication : /post, /cancel, /admins. Le texte est du HTML : les variables arrivent échappées.

post-not-admin = Désolé, seuls les administrateurs du bot peuvent publier des articles. Si vous avez une information à partager, contactez-les.
post-private-only = Envoyez /post dans une conversation privée avec moi.
post-ask-article =
    📝 Envoyez-moi l’article : la première ligne est le titre, la suite est le texte, et un lien n’importe où dedans est pris comme article d’origine. Vous pouvez aussi transférer un message.
    /cancel arrête à tout moment.
post-need-text = Il me faut l’article en texte, ou un message transféré avec du texte ou une légende. /cancel arrête.
post-duplicate = Cet article est déjà publié sous le n° { $id } (même lien ou même texte) : je ne l’ai pas publié une deuxième fois. /sources { $id } l’affiche.
post-preview-intro = 👀 Aperçu : les abonnés des thèmes cochés recevront exactement le message suivant. Cochez les thèmes, puis appuyez sur Publier.
post-preview-intro-no-topics = 👀 Aperçu : les abonnés recevront exactement le message suivant. Aucun thème n’est coché : cochez-en au moins un, sinon personne ne le reçoit.
post-topic-selected = ✅ { $topic }
post-topic-unselected = ⬜ { $topic }
post-button-publish = 🚀 Publier
post-button-edit-title = ✏️ Modifier le titre
post-button-edit-summary = ✏️ Modifier le résumé
post-button-cancel = ✖️ Annuler
post-ask-title = Envoyez le nouveau titre (une ligne, { $max } caractères au plus).
post-ask-summary = Envoyez le nouveau résumé : une ou deux phrases, { $max } caractères au plus.
post-too-long = Cela fait { $length } caractères ; la limite est de { $max }. Envoyez un texte plus court.
post-use-buttons = Utilisez les boutons sous l’aperçu, ou /cancel pour arrêter.
post-published = { $deliveries ->
    [0] ✅ Publié sous le n° { $id }. Aucune conversation ne suit encore ses thèmes : personne ne le reçoit pour l’instant.
    [one] ✅ Publié sous le n° { $id }. Il sera envoyé à une conversation.
   *[other] ✅ Publié sous le n° { $id }. Il sera envoyé à { $deliveries } conversations.
}
post-broadcast-failed = ⚠️ L’article est enregistré sous le n° { $id }, mais ses envois n’ont pas pu être programmés. Prévenez la personne qui gère le bot.
post-invalid = Je ne peux pas encore publier ceci :
post-cancelled = Annulé. Rien n’a été publié.
cancel-nothing = Il n’y a rien à annuler.

admins-not-admin = Désolé, seuls les administrateurs peuvent voir ou modifier la liste des administrateurs.
admins-title = 👮 Administrateurs
admins-none = Il n’y a pas encore d’administrateur.
admins-entry-config = • { $id } (dans ADMIN_IDS)
admins-entry-added = • { $id }
admins-entry-added-by = • { $id } (ajouté par { $by })
admins-usage = /admins add id ajoute un administrateur, /admins remove id en retire un. Un id est un nombre : l’utilisateur peut obtenir le sien auprès de @userinfobot.
admins-bad-id = « { $value } » n’est pas un identifiant Telegram. Un identifiant est un nombre positif, par exemple /admins add 123456789.
admins-added = { $id } est maintenant administrateur.
admins-already = { $id } est déjà administrateur.
admins-removed = { $id } n’est plus administrateur.
admins-not-found = { $id } n’est pas administrateur.
admins-config-admin = { $id } est administrateur via ADMIN_IDS dans la configuration du bot : retirez-le là, puis redémarrez le bot.
