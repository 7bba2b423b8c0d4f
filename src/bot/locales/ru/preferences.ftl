# /follow, /unfollow, /following, /filter, /digest, /quiet, /timezone, /settings, дайджесты. Текст в HTML: переменные приходят экранированными.

prefs-admins-only = Извините, менять то, что получает эта группа, могут только её администраторы.

follow-usage = Отправьте /follow и имя: /follow Дмитриев. Статьи, где упоминается этот человек, организация или место, будут приходить сюда вместе с темами чата.
follow-done = ⭐ Вы следите за: { $name }. Статьи с этим именем приходят сюда по одному разу, даже вне ваших тем.
follow-already = Этот чат уже следит за: { $name }.
follow-which = Под «{ $subject }» подходят несколько имён. За кем следить?
follow-unknown = В новостях пока нет никого по имени «{ $subject }».
follow-unknown-suggest = Я не знаю никого по имени «{ $subject }». Может быть, кто-то из них?
follow-too-many = Этот чат следит за максимумом ({ $max }). /following покажет список; сначала уберите кого-нибудь.
follow-button = ⭐ Следить
following-stop = ✖ Не следить за { $name }
unfollow-done = Вы больше не следите за: { $name }.
unfollow-not-followed = Этот чат не следит за «{ $subject }». /following покажет, за кем он следит.
following-none = Этот чат ни за кем не следит. Добавить: /follow имя или кнопка ⭐ Следить в карточке человека.
following-title = ⭐ Отслеживаемые ({ $count }). Нажмите на имя, чтобы перестать следить.

filter-none = Фильтров нет. /filter +слово: только статьи с этим словом; /filter -слово: никогда статьи с ним. Слова узнаются во всех формах и на всех языках («+выборы» найдёт «выборов»), а имена — своих людей.
filter-title = 🔎 Фильтры по словам
filter-include = Должно быть одно из: { $words }
filter-exclude = Не должно быть: { $words }
filter-footer = /filter +слово или -слово — добавить, /filter clear слово — убрать одно, /filter clear — убрать все.
filter-added-include = ✅ Сюда будут приходить только статьи со словом «{ $word }» (или другим словом с +).
filter-added-exclude = 🚫 Статьи со словом «{ $word }» сюда больше не придут.
filter-cleared = { $count ->
    [0] Фильтров не было.
    [one] Фильтр удалён.
    [few] Удалено { $count } фильтра.
   *[other] Удалено { $count } фильтров.
}
filter-empty = Добавьте слово после + или -: /filter +климат, /filter -футбол.
filter-too-long = Фильтр — это одно слово или короткое имя, не длиннее { $max } символов.
filter-not-a-word = В фильтре должны быть буквы или цифры: /filter +климат.
filter-too-many = У этого чата уже максимум фильтров ({ $max }). /filter clear слово удалит один.

digest-usage =
    /digest hourly — одно сообщение в час
    /digest daily 08:00 — одно сообщение в день в это время
    /digest weekly пн 09:00 — одно сообщение в неделю
    /digest off — каждая статья сразу после публикации
    Время — по часовому поясу чата: { $zone } (/timezone, чтобы изменить).
digest-set-instant = 🔔 Статьи приходят по одной, сразу после публикации.
digest-set-hourly = 🗞 Дайджест раз в час. Следующий: { $next }.
digest-set-daily = 🗞 Дайджест каждый день в { $time } ({ $zone }). Следующий: { $next }.
digest-set-weekly = 🗞 Дайджест раз в неделю: { $weekday }, { $time } ({ $zone }). Следующий: { $next }.
digest-bad-time = Не понял время. Пишите ЧЧ:ММ, например /digest daily 08:00.
digest-bad-weekday = Не понял день. Например: /digest weekly пн 09:00.
digest-title = { $count ->
    [one] 🗞 Ваш дайджест: { $count } статья
    [few] 🗞 Ваш дайджест: { $count } статьи
   *[other] 🗞 Ваш дайджест: { $count } статей
}
digest-more = { $count ->
    [one] …и ещё { $count }: /latest
   *[other] …и ещё { $count }: /latest
}

quiet-usage = /quiet 22:00-07:00: статьи ждут конца этих часов (пояс { $zone }). /quiet off отключает их.
quiet-set = 🌙 Тихие часы { $start }–{ $end } ({ $zone }): статьи ждут до { $end }.
quiet-off = Тихие часы отключены: статьи приходят в любое время.

timezone-usage = Часовой пояс чата: { $zone } (там сейчас { $now }). Отправьте /timezone и город или смещение: /timezone Москва, /timezone Новосибирск, /timezone UTC+3.
timezone-set = 🕰 Часовой пояс: { $zone }. Там сейчас { $now }.
timezone-unknown = Я не знаю часового пояса «{ $input }». Попробуйте крупный город рядом (/timezone Казань) или смещение (/timezone UTC+3).

weekday-1 = понедельник
weekday-2 = вторник
weekday-3 = среда
weekday-4 = четверг
weekday-5 = пятница
weekday-6 = суббота
weekday-7 = воскресенье

settings-title = ⚙️ Настройки чата
settings-delivery-instant = Доставка: каждая статья сразу
settings-delivery-hourly = Доставка: дайджест каждый час
settings-delivery-daily = Доставка: дайджест каждый день в { $time }
settings-delivery-weekly = Доставка: дайджест раз в неделю ({ $weekday }) в { $time }
settings-zone = Часовой пояс: { $zone } (/timezone)
settings-quiet = Тихие часы: { $start }–{ $end } (/quiet)
settings-quiet-none = Тихие часы: нет (/quiet 22:00-07:00)
settings-language = Язык: { $language } (/language)
settings-counts = Темы: { $topics } (/subscribe) · Отслеживаемые: { $follows } (/following) · Фильтры: { $filters } (/filter)
settings-button-instant = Сразу
settings-button-hourly = Раз в час
settings-button-daily = Раз в день
settings-button-weekly = Раз в неделю
settings-button-previews-on = 🔗 Превью ссылок: да
settings-button-previews-off = 🔗 Превью ссылок: нет
settings-button-silent-on = 🔕 Без звука: да
settings-button-silent-off = 🔔 Без звука: нет
settings-saved = Сохранено
settings-language-auto = автоматически

stats-modes = Доставка: сразу — { $instant }, раз в час — { $hourly }, раз в день — { $daily }, раз в неделю — { $weekly }; дайджесты сэкономили { $saved } сообщений.
stats-follows-title = Чаще всего отслеживают
stats-follow-line = • { $name }: { $count }
