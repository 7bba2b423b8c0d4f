# Базові повідомлення. Текст — це HTML: змінні надходять екранованими; для амперсанда пишіть &amp;.

start-friend = друже
start-greeting = 👋 Вітаю, { $name }! Я приношу новини разом із джерелами: хто що сказав і хто є хто.
start-latest-headline = 🗞 Найсвіжіший заголовок:
start-features =
    Що я вмію:
    • /latest — найновіші статті, за бажанням за темою
    • /sources — посилання на оригінал і видання, на які посилається стаття
    • /subscribe — отримувати нові статті з ваших тем одразу після публікації
    • Запитайте мене «хто такий Дмитрієв?», і я відповім, спираючись на людей та організації з новин
    /help показує всі команди.

help-title = Команди
help-start = привітання і найсвіжіший заголовок
help-help = цей список
help-latest = найновіші статті: /latest [тема] [кількість до 10]
help-sources = посилання на оригінал і цитовані видання: /sources [номер статті]
help-subscribe = підписатися на теми: /subscribe [тема…]
help-unsubscribe = відписатися: /unsubscribe [тема…|all]
help-topics = усі теми і ті, на які ви підписані
help-who = хто ця людина з новин: /who ім’я
help-follow = стежити за людиною, організацією чи місцем: /follow ім’я
help-unfollow = припинити стежити: /unfollow ім’я
help-following = за ким стежить цей чат
help-filter = фільтри за словами: /filter +слово, /filter -слово, /filter clear
help-digest = дайджести замість повідомлення на кожну статтю: /digest hourly|daily 08:00|weekly пн 09:00|off
help-quiet = тихі години: /quiet 22:00-07:00|off
help-timezone = часовий пояс чату: /timezone Київ, /timezone UTC+2
help-settings = усі налаштування чату в одному меню
help-language = вибрати мову бота
help-questions = Можна просто запитати: «хто такий Віткофф?», “who is Dmitriev?”, « qui est Zelensky ? »
help-admin-title = Для адміністраторів
help-post = опублікувати нову статтю
help-feeds = стрічки, які бот читає сам: /feeds add URL [теми], pause, resume, remove, review, export
help-stats = підписники та розсилки
help-admins = список, додавання і видалення адміністраторів: /admins add|remove id
help-cancel = вийти з поточного діалогу

button-original = 🔗 Оригінал статті
button-sources = 📚 Джерела
button-whos-who = 👥 Хто є хто
button-full-text = 📄 Повний текст
button-sources-of = №{ $id } · Джерела
button-whos-who-of = №{ $id } · Хто є хто
button-expired = Ця кнопка більше не діє. Надішліть /latest, щоб отримати нові.

latest-title = 🗞 Останні новини
latest-title-topic = 🗞 Останні новини: { $topic }
latest-empty = Статей поки немає.
latest-empty-topic = Статей на тему «{ $topic }» поки немає.
latest-read-original = Читати оригінал
latest-footer = /sources номер показує, на що посилається стаття.
latest-bad-count = Кількість має бути цілим числом від 1 до { $max }, наприклад /latest 3 або /latest ukraine 5. Теми: { $topics }
latest-unknown-topic = Я не знаю теми «{ $topic }». Теми: { $topics }

sources-title = 📚 Джерела статті «{ $title }»
sources-original = Оригінал статті:
sources-no-original = Ця стаття не має посилання на оригінал.
sources-none = Стаття не посилається на жодне відоме мені видання.
sources-outlets = { $count ->
    [one] Цитовані ЗМІ: { $count }
    [few] Цитовані ЗМІ: { $count }
   *[other] Цитовані ЗМІ: { $count }
}
sources-speakers = { $count ->
    [one] Також наведено слова { $count } особи чи відомства
    [few] Також наведено слова { $count } осіб чи відомств
   *[other] Також наведено слова { $count } осіб чи відомств
}
sources-bad-argument = «{ $value }» — не номер статті. Використовуйте /sources 12 з номером із /latest або просто /sources для найновішої.
article-not-found = Статті з номером { $id } немає. Номери статей показує /latest.

whos-who-title = 👥 Хто є хто у статті «{ $title }»
whos-who-none = Для цієї статті не записано ні людей, ні організацій.
kind-person-icon = 👤
kind-organization-icon = 🏛
kind-place-icon = 📍

unknown-command = Я не знаю команди /{ $command }. /help показує, що я вмію.
unknown-text = Я не зрозумів. Спробуйте /latest для новин, запитайте «хто такий Дмитрієв?» або надішліть /help.
unknown-message = Я читаю лише текстові повідомлення. /help показує, що я вмію.
error-generic = Вибачте, у мене щось пішло не так. Спробуйте ще раз трохи згодом.
