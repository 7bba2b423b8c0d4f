# Réponses quand une dépendance est momentanément absente. Le texte est du HTML.

error-database-unavailable = Désolé, ma base d’actualités est momentanément injoignable. Réessayez dans quelques instants.
