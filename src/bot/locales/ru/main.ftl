# Базовые сообщения. Текст — это HTML: переменные приходят экранированными; для амперсанда пишите &amp;.

start-friend = друг
start-greeting = 👋 Здравствуйте, { $name }! Я приношу новости вместе с источниками: кто что сказал и кто есть кто.
start-latest-headline = 🗞 Свежий заголовок:
start-features =
    Что я умею:
    • /latest — последние статьи, при желании по теме
    • /sources — ссылка на оригинал и издания, на которые ссылается статья
    • /subscribe — получать новые статьи по вашим темам сразу после публикации
    • Спросите меня «кто такой Дмитриев?», и я отвечу, опираясь на людей и организации из новостей
    /help показывает все команды.

help-title = Команды
help-start = приветствие и свежий заголовок
help-help = этот список
help-latest = последние статьи: /latest [тема] [количество до 10]
help-sources = ссылка на оригинал и цитируемые издания: /sources [номер статьи]
help-subscribe = подписаться на темы: /subscribe [тема…]
help-unsubscribe = отписаться: /unsubscribe [тема…|all]
help-topics = все темы и те, на которые вы подписаны
help-who = кто этот человек из новостей: /who имя
help-follow = следить за человеком, организацией или местом: /follow имя
help-unfollow = перестать следить: /unfollow имя
help-following = за кем следит этот чат
help-filter = фильтры по словам: /filter +слово, /filter -слово, /filter clear
help-digest = дайджесты вместо сообщения на каждую статью: /digest hourly|daily 08:00|weekly пн 09:00|off
help-quiet = тихие часы: /quiet 22:00-07:00|off
help-timezone = часовой пояс чата: /timezone Москва, /timezone UTC+3
help-settings = все настройки чата в одном меню
help-language = выбрать язык бота
help-questions = Можно просто спросить: «кто такой Уиткофф?», “who is Dmitriev?”, « qui est Zelensky ? »
help-admin-title = Для администраторов
help-post = опубликовать новую статью
help-feeds = ленты, которые бот читает сам: /feeds add URL [темы], pause, resume, remove, review, export
help-stats = подписчики и рассылки
help-admins = список, добавление и удаление администраторов: /admins add|remove id
help-cancel = выйти из текущего диалога

button-original = 🔗 Оригинал статьи
button-sources = 📚 Источники
button-whos-who = 👥 Кто есть кто
button-full-text = 📄 Полный текст
button-sources-of = №{ $id } · Источники
button-whos-who-of = №{ $id } · Кто есть кто
button-expired = Эта кнопка больше не работает. Отправьте /latest, чтобы получить новые.

latest-title = 🗞 Последние новости
latest-title-topic = 🗞 Последние новости: { $topic }
latest-empty = Статей пока нет.
latest-empty-topic = Статей на тему «{ $topic }» пока нет.
latest-read-original = Читать оригинал
latest-footer = /sources номер показывает, на что ссылается статья.
latest-bad-count = Количество должно быть целым числом от 1 до { $max }, например /latest 3 или /latest ukraine 5. Темы: { $topics }
latest-unknown-topic = Я не знаю темы «{ $topic }». Темы: { $topics }

sources-title = 📚 Источники статьи «{ $title }»
sources-original = Оригинал статьи:
sources-no-original = У этой статьи нет ссылки на оригинал.
sources-none = Статья не ссылается ни на одно известное мне издание.
sources-outlets = { $count ->
    [one] Цитируемые СМИ: { $count }
    [few] Цитируемые СМИ: { $count }
   *[other] Цитируемые СМИ: { $count }
}
sources-speakers = { $count ->
    [one] Также приводятся слова { $count } человека или ведомства
    [few] Также приводятся слова { $count } человек или ведомств
   *[other] Также приводятся слова { $count } человек или ведомств
}
sources-bad-argument = «{ $value }» — не номер статьи. Используйте /sources 12 с номером из /latest или просто /sources для самой свежей.
article-not-found = Статьи с номером { $id } нет. Номера статей показывает /latest.

whos-who-title = 👥 Кто есть кто в статье «{ $title }»
whos-who-none = Для этой статьи не записано ни людей, ни организаций.
kind-person-icon = 👤
kind-organization-icon = 🏛
kind-place-icon = 📍

unknown-command = Я не знаю команды /{ $command }. /help показывает, что я умею.
unknown-text = Я не понял. Попробуйте /latest для новостей, спросите «кто такой Дмитриев?» или отправьте /help.
unknown-message = Я читаю только текстовые сообщения. /help показывает, что я умею.
error-generic = Извините, у меня что-то пошло не так. Попробуйте ещё раз чуть позже.
