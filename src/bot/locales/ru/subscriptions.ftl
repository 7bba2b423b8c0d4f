# /subscribe, /unsubscribe, /topics, /stats. Текст в HTML: переменные приходят экранированными.

subscribe-menu-title = Нажмите на тему, чтобы подписаться или отписаться. ✅ отмечает темы, на которые подписан этот чат.
subscribe-added = ✅ Подписка оформлена: { $topics }. Новые статьи будут приходить сюда сразу после публикации.
subscribe-already = Этот чат уже подписан: { $topics }.
subscribe-unknown = Я не знаю тему { $names }. Темы: { $topics }
subscribe-too-long = Слишком длинный список. Отправьте не больше { $max } символов с названиями тем или просто /subscribe, чтобы открыть меню.
subscribe-admins-only = Извините, менять подписки этой группы могут только её администраторы.
subscribe-offer = 🗞 Самая свежая статья по теме «{ $topic }»:
menu-toggled-on = Подписка: { $topic }
menu-toggled-off = Подписка отменена: { $topic }

unsubscribe-removed = 🔕 Подписка отменена: { $topics }.
unsubscribe-not-followed = Этот чат не был подписан: { $topics }.
unsubscribe-all-done = 🔕 Все подписки отменены. Отправьте /subscribe, чтобы снова выбрать темы.
unsubscribe-nothing = Этот чат ни на что не подписан. Отправьте /subscribe, чтобы выбрать темы.

topics-title = 🗂 Темы
topics-line = { $mark } { $name } (<code>{ $slug }</code>) — { $count ->
    [one] { $count } подписчик
    [few] { $count } подписчика
   *[many] { $count } подписчиков
}
topics-footer = ✅ = подписка в этом чате. /subscribe тема — подписаться, /unsubscribe тема — отписаться.

stats-admins-only = Извините, /stats доступна только администраторам бота.
stats-title = 📊 Статистика
stats-chats = Чаты с подписками: активных — { $active }, неактивных (бот заблокирован или удалён) — { $inactive }.
stats-feeds = Ленты: работают { $active }, на паузе { $paused }, с ошибками { $failing }, отключены { $disabled } (/feeds покажет список).
stats-topics-title = Подписчики по темам
stats-topic-line = • { $name }: активных — { $active }, неактивных — { $inactive }
stats-articles-title = Рассылка последних статей
stats-article-line = №{ $id } { $title }: отправлено { $sent } · в очереди { $pending } · ошибок { $failed } · отменено { $cancelled }
stats-no-deliveries = Ни одна статья ещё не была разослана.

topics-add-usage = Чтобы добавить тему: <code>/topics add slug Название | ключевое слово, ключевое слово</code>, например <code>/topics add space Космос | ракета, орбита, космонавт</code> (slug: a-z, 0-9 и -).
topics-added = Тема <b>{ $name }</b> (<code>{ $slug }</code>) добавлена, ключевых слов: { $count }. Её получат статьи, опубликованные с этого момента; читатели могут написать /subscribe { $slug }.
topics-add-exists = Тема с таким slug или названием уже есть: <code>{ $slug }</code>.
