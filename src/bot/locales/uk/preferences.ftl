# /follow, /unfollow, /following, /filter, /digest, /quiet, /timezone, /settings, дайджести. Текст у HTML: змінні приходять екранованими.

prefs-admins-only = Вибачте, змінювати те, що отримує ця група, можуть лише її адміністратори.

follow-usage = Надішліть /follow та ім’я: /follow Дмитрієв. Статті, де згадано цю людину, організацію чи місце, надходитимуть сюди разом із темами чату.
follow-done = ⭐ Ви стежите за: { $name }. Статті з цим ім’ям надходять сюди по одному разу, навіть поза вашими темами.
follow-already = Цей чат уже стежить за: { $name }.
follow-which = Під «{ $subject }» підходять кілька імен. За ким стежити?
follow-unknown = У новинах поки немає нікого на ім’я «{ $subject }».
follow-unknown-suggest = Я не знаю нікого на ім’я «{ $subject }». Можливо, хтось із них?
follow-too-many = Цей чат стежить за максимумом ({ $max }). /following покаже список; спершу приберіть когось.
follow-button = ⭐ Стежити
following-stop = ✖ Не стежити за { $name }
unfollow-done = Ви більше не стежите за: { $name }.
unfollow-not-followed = Цей чат не стежить за «{ $subject }». /following покаже, за ким він стежить.
following-none = Цей чат ні за ким не стежить. Додати: /follow ім’я або кнопка ⭐ Стежити в картці людини.
following-title = ⭐ Відстежувані ({ $count }). Натисніть ім’я, щоб припинити стежити.

filter-none = Фільтрів немає. /filter +слово: лише статті з цим словом; /filter -слово: ніколи статті з ним. Слова впізнаються в усіх формах і всіма мовами («+вибори» знайде «виборів»), а імена — своїх людей.
filter-title = 🔎 Фільтри за словами
filter-include = Має бути одне з: { $words }
filter-exclude = Не має бути: { $words }
filter-footer = /filter +слово або -слово — додати, /filter clear слово — прибрати одне, /filter clear — прибрати всі.
filter-added-include = ✅ Сюди надходитимуть лише статті зі словом «{ $word }» (або іншим словом із +).
filter-added-exclude = 🚫 Статті зі словом «{ $word }» сюди більше не надійдуть.
filter-cleared = { $count ->
    [0] Фільтрів не було.
    [one] Фільтр видалено.
    [few] Видалено { $count } фільтри.
   *[other] Видалено { $count } фільтрів.
}
filter-empty = Додайте слово після + або -: /filter +клімат, /filter -футбол.
filter-too-long = Фільтр — це одне слово або коротке ім’я, не довше { $max } символів.
filter-not-a-word = У фільтрі мають бути літери або цифри: /filter +клімат.
filter-too-many = Цей чат уже має максимум фільтрів ({ $max }). /filter clear слово видалить один.

digest-usage =
    /digest hourly — одне повідомлення на годину
    /digest daily 08:00 — одне повідомлення на день у цей час
    /digest weekly пн 09:00 — одне повідомлення на тиждень
    /digest off — кожна стаття одразу після публікації
    Час — за часовим поясом чату: { $zone } (/timezone, щоб змінити).
digest-set-instant = 🔔 Статті надходять по одній, одразу після публікації.
digest-set-hourly = 🗞 Дайджест щогодини. Наступний: { $next }.
digest-set-daily = 🗞 Дайджест щодня о { $time } ({ $zone }). Наступний: { $next }.
digest-set-weekly = 🗞 Дайджест щотижня: { $weekday }, { $time } ({ $zone }). Наступний: { $next }.
digest-bad-time = Не зрозумів час. Пишіть ГГ:ХХ, наприклад /digest daily 08:00.
digest-bad-weekday = Не зрозумів день. Наприклад: /digest weekly пн 09:00.
digest-title = { $count ->
    [one] 🗞 Ваш дайджест: { $count } стаття
    [few] 🗞 Ваш дайджест: { $count } статті
   *[other] 🗞 Ваш дайджест: { $count } статей
}
digest-more = { $count ->
    [one] …і ще { $count }: /latest
   *[other] …і ще { $count }: /latest
}

quiet-usage = /quiet 22:00-07:00: статті чекають кінця цих годин (пояс { $zone }). /quiet off вимикає їх.
quiet-set = 🌙 Тихі години { $start }–{ $end } ({ $zone }): статті чекають до { $end }.
quiet-off = Тихі години вимкнено: статті надходять будь-коли.

timezone-usage = Часовий пояс чату: { $zone } (там зараз { $now }). Надішліть /timezone і місто або зсув: /timezone Київ, /timezone Львів, /timezone UTC+2.
timezone-set = 🕰 Часовий пояс: { $zone }. Там зараз { $now }.
timezone-unknown = Я не знаю часового поясу «{ $input }». Спробуйте велике місто поруч (/timezone Харків) або зсув (/timezone UTC+2).

weekday-1 = понеділок
weekday-2 = вівторок
weekday-3 = середа
weekday-4 = четвер
weekday-5 = п’ятниця
weekday-6 = субота
weekday-7 = неділя

settings-title = ⚙️ Налаштування чату
settings-delivery-instant = Доставка: кожна стаття одразу
settings-delivery-hourly = Доставка: дайджест щогодини
settings-delivery-daily = Доставка: дайджест щодня о { $time }
settings-delivery-weekly = Доставка: дайджест щотижня ({ $weekday }) о { $time }
settings-zone = Часовий пояс: { $zone } (/timezone)
settings-quiet = Тихі години: { $start }–{ $end } (/quiet)
settings-quiet-none = Тихі години: немає (/quiet 22:00-07:00)
settings-language = Мова: { $language } (/language)
settings-counts = Теми: { $topics } (/subscribe) · Відстежувані: { $follows } (/following) · Фільтри: { $filters } (/filter)
settings-button-instant = Одразу
settings-button-hourly = Щогодини
settings-button-daily = Щодня
settings-button-weekly = Щотижня
settings-button-previews-on = 🔗 Прев’ю посилань: так
settings-button-previews-off = 🔗 Прев’ю посилань: ні
settings-button-silent-on = 🔕 Без звуку: так
settings-button-silent-off = 🔔 Без звуку: ні
settings-saved = Збережено
settings-language-auto = автоматично

stats-modes = Доставка: одразу — { $instant }, щогодини — { $hourly }, щодня — { $daily }, щотижня — { $weekly }; дайджести заощадили { $saved } повідомлень.
stats-follows-title = Найчастіше відстежують
stats-follow-line = • { $name }: { $count }
