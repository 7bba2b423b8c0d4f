# /language menu.
language-prompt-chosen = 🌐 This chat uses { $language }. Choose another language:
language-prompt-automatic = 🌐 I follow your Telegram app’s language. Choose a language for this chat:
language-automatic = 🔄 Automatic (Telegram’s language)
language-changed = ✅ From now on I answer in { $language }.
language-automatic-set = ✅ I follow your Telegram app’s language again (now { $language }).
