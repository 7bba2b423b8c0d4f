who-usage = Envoyez /who suivi d’un nom, par exemple /who Dmitriev, ou demandez simplement « qui est Witkoff ? ».
who-no-description = Aucune description n’est enregistrée pour ce nom ; voici ce qu’en dit l’actualité.
who-role = { $role }
who-mentions-title = { $count ->
    [one] Cité une fois dans l’actualité :
   *[other] Cité { $count } fois dans l’actualité, du plus récent au plus ancien :
}
who-mentions-of = Autres mentions de { $name } :
who-no-mentions = Aucun article ne cite encore ce nom.
who-no-more-mentions = Il n’y a pas d’autre mention de { $name }.
who-more-mentions = Plus de mentions
who-did-you-mean = Plusieurs noms correspondent à « { $subject } ». Vouliez-vous dire :
who-unknown = Je n’ai aucune donnée sur « { $subject } ». Je ne connais que les personnes, organisations et lieux de l’actualité que je détiens.
who-unknown-suggest = Je n’ai aucune donnée sur « { $subject } ». Les noms les plus proches que je connais :
who-from-news = Dans l’actualité
who-from-catalog = Selon le catalogue
