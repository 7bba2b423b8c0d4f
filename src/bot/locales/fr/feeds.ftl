# Flux (administrateurs) : /feeds, fichiers OPML, relecture, alertes. Texte HTML : les variables arrivent échappées.

feeds-admins-only = Désolé, seuls les administrateurs du bot peuvent voir ou modifier les flux.
feeds-none = Aucun flux pour l’instant. /feeds add URL [rubriques] en ajoute un : l’adresse d’un flux, ou la page d’un site qui indique son flux. Vous pouvez aussi m’envoyer un fichier OPML.
feeds-title = 📡 Flux ({ $count })
feeds-state-active = actif
feeds-state-paused = en pause
feeds-state-failing = en échec
feeds-state-disabled = désactivé
feeds-mode-publish = publie aussitôt
feeds-mode-review = attend une relecture
feeds-line-state = { $state }, { $mode } · { $items } articles, { $duplicates } doublons
feeds-line-fetched = dernière lecture { $date }
feeds-line-never = pas encore lu
feeds-line-topics = rubriques : { $topics }
feeds-line-error = dernière erreur : { $error }
feeds-usage =
    /feeds liste les flux.
    /feeds add URL [rubriques] en ajoute un (les nouveaux articles vont aux abonnés des rubriques ; ceux déjà présents dans le flux ne sont pas envoyés).
    /feeds remove|pause|resume N, /feeds review on|off N (les nouveaux articles attendent votre publication), /feeds export (OPML). Envoyez un fichier OPML pour importer des flux.
feeds-added = ✅ Flux n° { $id } ajouté : { $title }. Je le lis maintenant ; ses articles actuels sont gardés sans être envoyés, les nouveaux iront aux abonnés.
feeds-exists = Ce flux existe déjà (n° { $id }).
feeds-add-refused = Je ne peux pas ajouter ce flux : { $errors }
feeds-removed = Flux n° { $id } supprimé. Les articles déjà publiés restent.
feeds-paused = Flux n° { $id } en pause. /feeds resume { $id } le relance.
feeds-resumed = Le flux n° { $id } est de nouveau actif ; je le lis maintenant.
feeds-not-found = Il n’y a pas de flux n° { $id }. /feeds les liste.
feeds-review-on = Les nouveaux articles du flux n° { $id } attendront votre relecture.
feeds-review-off = Les nouveaux articles du flux n° { $id } seront publiés aussitôt.
feeds-exported = Vos flux, au format OPML.
feeds-opml-too-large = Ce fichier est trop gros pour une liste de flux (1 Mo au plus).
feeds-opml-unreadable = Je n’ai pas pu lire ce fichier comme un OPML. Exportez-le à nouveau depuis votre lecteur de flux et envoyez-le comme fichier.
feeds-opml-imported = OPML importé : { $added } flux ajoutés, { $existing } déjà présents, { $refused } refusés.
feeds-review-intro = 📥 Nouvel article de { $feed }, en attente de relecture :
feeds-review-publish = 🚀 Publier
feeds-review-skip = ✖️ Ignorer
feeds-review-skipped = Ignoré.
feeds-review-gone = Cet article a déjà été traité.
feeds-review-invalid = Je n’ai pas pu publier cet article : { $problems }
feeds-notice-failing = ⚠️ Le flux n° { $id } ({ $feed }) échoue depuis un jour : { $error }. Je réessaie moins souvent ; après une semaine d’échecs, il sera désactivé. /feeds l’affiche.
feeds-notice-disabled = 🔴 Le flux n° { $id } ({ $feed }) a échoué pendant une semaine et est désactivé : { $error }. /feeds resume { $id } le relance.
