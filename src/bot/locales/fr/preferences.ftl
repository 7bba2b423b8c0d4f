# /follow, /unfollow, /following, /filter, /digest, /quiet, /timezone, /settings, résumés. Texte HTML : les variables arrivent échappées.

prefs-admins-only = Désolé, seuls les administrateurs de ce groupe peuvent changer ce qu’il reçoit.

follow-usage = Envoyez /follow suivi d’un nom : /follow Dmitriev. Les articles qui nomment cette personne, cette organisation ou ce lieu arriveront ici, en plus des thèmes suivis.
follow-done = ⭐ Vous suivez { $name }. Les articles qui le nomment arrivent ici, une fois chacun, même hors de vos thèmes.
follow-already = Ce chat suit déjà { $name }.
follow-which = Plusieurs noms correspondent à « { $subject } ». Lequel voulez-vous suivre ?
follow-unknown = Je ne connais encore personne nommé « { $subject } » dans l’actualité.
follow-unknown-suggest = Je ne connais personne nommé « { $subject } ». Vouliez-vous dire l’un de ceux-ci ?
follow-too-many = Ce chat suit déjà le maximum ({ $max }). /following les liste ; retirez-en un d’abord.
follow-button = ⭐ Suivre
following-stop = ✖ Ne plus suivre { $name }
unfollow-done = Vous ne suivez plus { $name }.
unfollow-not-followed = Ce chat ne suit pas « { $subject } ». /following liste ce qu’il suit.
following-none = Ce chat ne suit personne. /follow nom, ou le bouton ⭐ Suivre sur la fiche d’une personne, en ajoute.
following-title = ⭐ Suivis ({ $count }). Touchez un nom pour ne plus le suivre.

filter-none = Aucun filtre. /filter +mot : seulement les articles qui contiennent ce mot ; /filter -mot : jamais ceux qui le contiennent. Les mots se reconnaissent sous toutes leurs formes et dans toutes les langues (« +élection » trouve « élections »), et les noms retrouvent leurs personnes.
filter-title = 🔎 Filtres par mots
filter-include = Doit contenir l’un de : { $words }
filter-exclude = Ne doit pas contenir : { $words }
filter-footer = /filter +mot ou -mot pour ajouter, /filter clear mot pour en retirer un, /filter clear pour tout retirer.
filter-added-include = ✅ Seuls les articles contenant « { $word } » (ou un autre mot en +) arriveront ici.
filter-added-exclude = 🚫 Les articles contenant « { $word } » n’arriveront plus ici.
filter-cleared = { $count ->
    [0] Il n’y avait aucun filtre à retirer.
    [one] Un filtre retiré.
   *[other] { $count } filtres retirés.
}
filter-empty = Ajoutez un mot après + ou - : /filter +climat, /filter -football.
filter-too-long = Un filtre est un mot ou un nom court, de { $max } caractères au plus.
filter-not-a-word = Un filtre doit contenir des lettres ou des chiffres : /filter +climat.
filter-too-many = Ce chat a déjà le maximum de filtres ({ $max }). /filter clear mot en retire un.

digest-usage =
    /digest hourly — un message par heure
    /digest daily 08:00 — un message par jour à cette heure
    /digest weekly lundi 09:00 — un message par semaine
    /digest off — chaque article dès sa publication
    Les heures sont celles du fuseau de ce chat : { $zone } (/timezone pour le changer).
digest-set-instant = 🔔 Les articles arrivent un par un, dès leur publication.
digest-set-hourly = 🗞 Un résumé par heure. Prochain : { $next }.
digest-set-daily = 🗞 Un résumé par jour à { $time } ({ $zone }). Prochain : { $next }.
digest-set-weekly = 🗞 Un résumé par semaine, le { $weekday } à { $time } ({ $zone }). Prochain : { $next }.
digest-bad-time = Je n’ai pas compris cette heure. Écrivez HH:MM, par exemple /digest daily 08:00.
digest-bad-weekday = Je n’ai pas compris ce jour. Par exemple : /digest weekly lundi 09:00.
digest-title = { $count ->
    [one] 🗞 Votre résumé : un article
   *[other] 🗞 Votre résumé : { $count } articles
}
digest-more = { $count ->
    [one] …et un autre : /latest
   *[other] …et { $count } autres : /latest
}

quiet-usage = /quiet 22:00-07:00 : les articles attendent la fin de ces heures (fuseau { $zone }). /quiet off les supprime.
quiet-set = 🌙 Heures calmes { $start }–{ $end } ({ $zone }) : les articles attendent { $end }.
quiet-off = Pas d’heures calmes : les articles arrivent à toute heure.

timezone-usage = Le fuseau horaire de ce chat est { $zone } (il y est { $now }). Envoyez /timezone et une ville ou un décalage : /timezone Paris, /timezone Montréal, /timezone UTC+1.
timezone-set = 🕰 Fuseau horaire : { $zone }. Il y est { $now }.
timezone-unknown = Je ne connais pas le fuseau « { $input } ». Essayez une grande ville proche (/timezone Lyon) ou un décalage (/timezone UTC+2).

weekday-1 = lundi
weekday-2 = mardi
weekday-3 = mercredi
weekday-4 = jeudi
weekday-5 = vendredi
weekday-6 = samedi
weekday-7 = dimanche

settings-title = ⚙️ Réglages de ce chat
settings-delivery-instant = Envoi : chaque article aussitôt
settings-delivery-hourly = Envoi : un résumé toutes les heures
settings-delivery-daily = Envoi : un résumé chaque jour à { $time }
settings-delivery-weekly = Envoi : un résumé chaque { $weekday } à { $time }
settings-zone = Fuseau horaire : { $zone } (/timezone)
settings-quiet = Heures calmes : { $start }–{ $end } (/quiet)
settings-quiet-none = Heures calmes : aucune (/quiet 22:00-07:00)
settings-language = Langue : { $language } (/language)
settings-counts = Thèmes : { $topics } (/subscribe) · Suivis : { $follows } (/following) · Filtres : { $filters } (/filter)
settings-button-instant = Aussitôt
settings-button-hourly = Par heure
settings-button-daily = Par jour
settings-button-weekly = Par semaine
settings-button-previews-on = 🔗 Aperçus des liens : oui
settings-button-previews-off = 🔗 Aperçus des liens : non
settings-button-silent-on = 🔕 Silencieux : oui
settings-button-silent-off = 🔔 Silencieux : non
settings-saved = Enregistré
settings-language-auto = automatique

stats-modes = Envoi : { $instant } aussitôt, { $hourly } par heure, { $daily } par jour, { $weekly } par semaine ; { $saved } messages évités par les résumés.
stats-follows-title = Les plus suivis
stats-follow-line = • { $name } : { $count }
