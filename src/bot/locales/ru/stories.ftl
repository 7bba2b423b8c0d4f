help-story = сюжет: статьи всех изданий об одном событии: /story номер (админы: /story N split M, /story N merge M)
button-story = 🧵 Сюжет
button-story-of = №{ $id } · Сюжет
story-outlets-line = { $count ->
    [one] 📰 { $count } издание: { $outlets }
    [few] 📰 { $count } издания: { $outlets }
   *[other] 📰 { $count } изданий: { $outlets }
}
story-more-outlets = ещё { $count }
story-title = 🧵 Сюжет №{ $id }: { $title }
story-meta = { $articles ->
    [one] { $articles } статья
    [few] { $articles } статьи
   *[other] { $articles } статей
} · { $languages } · { $span }
story-articles = Статьи, сначала ранние
story-people = Кто есть кто в сюжете
story-sources-title = 📚 Источники сюжета «{ $title }»
story-sources-reporting = { $count ->
    [one] Сообщает { $count } издание
    [few] Сообщают { $count } издания
   *[other] Сообщают { $count } изданий
}
story-sources-cited = { $count ->
    [one] Цитируется как источник: { $count } издание
    [few] Цитируются как источники: { $count } издания
   *[other] Цитируются как источники: { $count } изданий
}
story-cited-by = цитирует { $outlets }
story-sources-disagree = ⚠️ Издания приводят разные цифры для «{ $subject }»: { $figures }
story-no-outlet = этот бот
story-not-found = Я не знаю сюжета №{ $id }. Номер сюжета показывает кнопка 🧵 Сюжет под статьёй.
story-usage = Напишите /story и номер сюжета (его показывает кнопка 🧵 Сюжет под статьёй). Админы: /story N split M выделяет статью M из сюжета N; /story N merge M присоединяет сюжет M к сюжету N.
story-admins-only = Разделять и объединять сюжеты могут только админы.
story-split-done = Статья №{ $article } теперь отдельный сюжет, №{ $story }. Повторно ничего не отправляется.
story-split-failed = Статьи №{ $article } нет в сюжете №{ $story }, или она в нём единственная.
story-merge-done = Сюжет №{ $from } теперь часть сюжета №{ $into }.
story-merge-failed = Не удалось объединить: сюжета №{ $from } или №{ $into } нет, или это один и тот же сюжет.
