# Меню /language.
language-prompt-chosen = 🌐 У цьому чаті вибрано мову: { $language }. Виберіть іншу мову:
language-prompt-automatic = 🌐 Я використовую мову вашого застосунку Telegram. Виберіть мову для цього чату:
language-automatic = 🔄 Автоматично (мова Telegram)
language-changed = ✅ Відтепер я відповідаю мовою: { $language }.
language-automatic-set = ✅ Я знову використовую мову вашого застосунку Telegram (зараз { $language }).
