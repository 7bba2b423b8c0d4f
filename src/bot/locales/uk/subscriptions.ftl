# /subscribe, /unsubscribe, /topics, /stats. Текст у HTML: змінні надходять екранованими.

subscribe-menu-title = Натисніть на тему, щоб підписатися або відписатися. ✅ позначає теми, на які підписаний цей чат.
subscribe-added = ✅ Підписку оформлено: { $topics }. Нові статті надходитимуть сюди одразу після публікації.
subscribe-already = Цей чат уже підписаний: { $topics }.
subscribe-unknown = Я не знаю тему { $names }. Теми: { $topics }
subscribe-too-long = Задовгий список. Надішліть не більше { $max } символів із назвами тем або просто /subscribe, щоб відкрити меню.
subscribe-admins-only = Вибачте, змінювати підписки цієї групи можуть лише її адміністратори.
subscribe-offer = 🗞 Найсвіжіша стаття на тему «{ $topic }»:
menu-toggled-on = Підписка: { $topic }
menu-toggled-off = Підписку скасовано: { $topic }

unsubscribe-removed = 🔕 Підписку скасовано: { $topics }.
unsubscribe-not-followed = Цей чат не був підписаний: { $topics }.
unsubscribe-all-done = 🔕 Усі підписки скасовано. Надішліть /subscribe, щоб знову вибрати теми.
unsubscribe-nothing = Цей чат ні на що не підписаний. Надішліть /subscribe, щоб вибрати теми.

topics-title = 🗂 Теми
topics-line = { $mark } { $name } (<code>{ $slug }</code>) — { $count ->
    [one] { $count } підписник
    [few] { $count } підписники
   *[many] { $count } підписників
}
topics-footer = ✅ = підписка в цьому чаті. /subscribe тема — підписатися, /unsubscribe тема — відписатися.

stats-admins-only = Вибачте, /stats доступна лише адміністраторам бота.
stats-title = 📊 Статистика
stats-chats = Чати з підписками: активних — { $active }, неактивних (бота заблоковано або видалено) — { $inactive }.
stats-feeds = Стрічки: працюють { $active }, на паузі { $paused }, з помилками { $failing }, вимкнені { $disabled } (/feeds покаже список).
stats-topics-title = Підписники за темами
stats-topic-line = • { $name }: активних — { $active }, неактивних — { $inactive }
stats-articles-title = Розсилка останніх статей
stats-article-line = №{ $id } { $title }: надіслано { $sent } · у черзі { $pending } · помилок { $failed } · скасовано { $cancelled }
stats-no-deliveries = Жодну статтю ще не розіслано.

topics-add-usage = Щоб додати тему: <code>/topics add slug Назва | ключове слово, ключове слово</code>, наприклад <code>/topics add space Космос | ракета, орбіта, космонавт</code> (slug: a-z, 0-9 і -).
topics-added = Тему <b>{ $name }</b> (<code>{ $slug }</code>) додано, ключових слів: { $count }. Її отримають статті, опубліковані відтепер; читачі можуть написати /subscribe { $slug }.
topics-add-exists = Тема з таким slug або назвою вже є: <code>{ $slug }</code>.
