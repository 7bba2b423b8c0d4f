who-usage = Надішліть /who та ім’я, наприклад /who Дмитрієв, або просто запитайте «хто такий Віткофф?».
who-no-description = Опис цього імені не збережено; ось що про нього пишуть у новинах.
who-role = { $role }
who-mentions-title = { $count ->
    [one] Згадується в новинах { $count } раз:
    [few] Згадується в новинах { $count } рази, спершу нові:
   *[other] Згадується в новинах { $count } разів, спершу нові:
}
who-mentions-of = Інші згадки: { $name }
who-no-mentions = Поки жодна стаття не згадує це ім’я.
who-no-more-mentions = Більше згадок { $name } немає.
who-more-mentions = Ще згадки
who-did-you-mean = Під «{ $subject }» підходять кілька імен. Ви мали на увазі:
who-unknown = У мене немає даних про «{ $subject }». Я знаю лише людей, організації та місця з новин, які в мене є.
who-unknown-suggest = У мене немає даних про «{ $subject }». Найближчі відомі мені імена:
who-from-news = З новин
who-from-catalog = З довідника
