# Menu /language.
language-prompt-chosen = 🌐 Cette discussion est en { $language }. Choisissez une autre langue :
language-prompt-automatic = 🌐 J’utilise la langue de votre application Telegram. Choisissez une langue pour cette discussion :
language-automatic = 🔄 Automatique (langue de Telegram)
language-changed = ✅ Désormais, je réponds en { $language }.
language-automatic-set = ✅ J’utilise de nouveau la langue de votre application Telegram (actuellement { $language }).
