help-story = сюжет: статті всіх видань про одну подію: /story номер (адміни: /story N split M, /story N merge M)
button-story = 🧵 Сюжет
button-story-of = №{ $id } · Сюжет
story-outlets-line = { $count ->
    [one] 📰 { $count } видання: { $outlets }
    [few] 📰 { $count } видання: { $outlets }
   *[other] 📰 { $count } видань: { $outlets }
}
story-more-outlets = ще { $count }
story-title = 🧵 Сюжет №{ $id }: { $title }
story-meta = { $articles ->
    [one] { $articles } стаття
    [few] { $articles } статті
   *[other] { $articles } статей
} · { $languages } · { $span }
story-articles = Статті, спершу ранні
story-people = Хто є хто в сюжеті
story-sources-title = 📚 Джерела сюжету «{ $title }»
story-sources-reporting = { $count ->
    [one] Повідомляє { $count } видання
    [few] Повідомляють { $count } видання
   *[other] Повідомляють { $count } видань
}
story-sources-cited = { $count ->
    [one] Цитується як джерело: { $count } видання
    [few] Цитуються як джерела: { $count } видання
   *[other] Цитуються як джерела: { $count } видань
}
story-cited-by = цитує { $outlets }
story-sources-disagree = ⚠️ Видання наводять різні цифри для «{ $subject }»: { $figures }
story-no-outlet = цей бот
story-not-found = Я не знаю сюжету №{ $id }. Номер сюжету показує кнопка 🧵 Сюжет під статтею.
story-usage = Напишіть /story і номер сюжету (його показує кнопка 🧵 Сюжет під статтею). Адміни: /story N split M виокремлює статтю M із сюжету N; /story N merge M приєднує сюжет M до сюжету N.
story-admins-only = Розділяти й об’єднувати сюжети можуть лише адміни.
story-split-done = Стаття №{ $article } тепер окремий сюжет, №{ $story }. Повторно нічого не надсилається.
story-split-failed = Статті №{ $article } немає в сюжеті №{ $story }, або вона в ньому єдина.
story-merge-done = Сюжет №{ $from } тепер частина сюжету №{ $into }.
story-merge-failed = Не вдалося об’єднати: сюжету №{ $from } або №{ $into } немає, або це той самий сюжет.
