# Réponses quand une dépendance est momentanément absente. Le texte est du HTML.

error-database-unavailable = Désolé, ma base d’actualités est momentanément injoignable. Réessayez dans quelques instants.
flood-notice = Vous envoyez des messages plus vite que je ne peux répondre. J’ignore les suivants quelques instants ; attendez { $seconds } s avant d’en envoyer d’autres.
