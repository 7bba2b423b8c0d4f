# Ленты (только администраторы): /feeds, файлы OPML, модерация, уведомления. Текст в HTML: переменные приходят экранированными.

feeds-admins-only = Извините, смотреть и менять ленты могут только администраторы бота.
feeds-none = Лент пока нет. /feeds add URL [темы] добавляет ленту: адрес ленты или страницу сайта, на которой она указана. Можно также прислать мне файл OPML.
feeds-title = 📡 Ленты ({ $count })
feeds-state-active = работает
feeds-state-paused = на паузе
feeds-state-failing = с ошибками
feeds-state-disabled = отключена
feeds-mode-publish = публикует сразу
feeds-mode-review = ждёт проверки
feeds-line-state = { $state }, { $mode } · материалов: { $items }, дубликатов: { $duplicates }
feeds-line-fetched = последнее чтение { $date }
feeds-line-never = ещё не читалась
feeds-line-topics = темы: { $topics }
feeds-line-error = последняя ошибка: { $error }
feeds-usage =
    /feeds — список лент.
    /feeds add URL [темы] — добавить ленту (новые материалы получат подписчики тем; уже опубликованные в ленте не рассылаются).
    /feeds remove|pause|resume N, /feeds review on|off N (новые материалы ждут вашей публикации), /feeds export (OPML). Пришлите файл OPML, чтобы импортировать ленты.
feeds-added = ✅ Лента № { $id } добавлена: { $title }. Читаю её сейчас; текущие материалы сохраняются без рассылки, новые получат подписчики.
feeds-exists = Эта лента уже есть (№ { $id }).
feeds-add-refused = Не могу добавить эту ленту: { $errors }
feeds-removed = Лента № { $id } удалена. Уже опубликованные материалы остаются.
feeds-paused = Лента № { $id } на паузе. /feeds resume { $id } запускает её снова.
feeds-resumed = Лента № { $id } снова работает; читаю её сейчас.
feeds-not-found = Ленты № { $id } нет. /feeds покажет список.
feeds-review-on = Новые материалы ленты № { $id } будут ждать вашей проверки.
feeds-review-off = Новые материалы ленты № { $id } будут публиковаться сразу.
feeds-exported = Ваши ленты в формате OPML.
feeds-opml-too-large = Файл слишком большой для списка лент (не больше 1 МБ).
feeds-opml-unreadable = Не удалось прочитать файл как OPML. Экспортируйте его снова из программы для чтения лент и пришлите файлом.
feeds-opml-imported = OPML импортирован: добавлено лент: { $added }, уже были: { $existing }, отклонено: { $refused }.
feeds-review-intro = 📥 Новый материал из { $feed } ждёт проверки:
feeds-review-publish = 🚀 Опубликовать
feeds-review-skip = ✖️ Пропустить
feeds-review-skipped = Пропущено.
feeds-review-gone = Этот материал уже обработан.
feeds-review-invalid = Не удалось опубликовать материал: { $problems }
feeds-notice-failing = ⚠️ Лента № { $id } ({ $feed }) не читается уже сутки: { $error }. Буду пробовать реже; после недели ошибок она будет отключена. /feeds покажет её.
feeds-notice-disabled = 🔴 Лента № { $id } ({ $feed }) не читалась неделю и отключена: { $error }. /feeds resume { $id } попробует снова.
