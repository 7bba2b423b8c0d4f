# Меню /language.
language-prompt-chosen = 🌐 В этом чате выбран язык: { $language }. Выберите другой язык:
language-prompt-automatic = 🌐 Я использую язык вашего приложения Telegram. Выберите язык для этого чата:
language-automatic = 🔄 Автоматически (язык Telegram)
language-changed = ✅ Теперь я отвечаю на языке: { $language }.
language-automatic-set = ✅ Я снова использую язык вашего приложения Telegram (сейчас { $language }).
