# Стрічки (лише адміністратори): /feeds, файли OPML, перевірка, сповіщення. Текст у HTML: змінні надходять екранованими.

feeds-admins-only = Вибачте, переглядати й змінювати стрічки можуть лише адміністратори бота.
feeds-none = Стрічок поки немає. /feeds add URL [теми] додає стрічку: адресу стрічки або сторінку сайту, на якій її вказано. Можна також надіслати мені файл OPML.
feeds-title = 📡 Стрічки ({ $count })
feeds-state-active = працює
feeds-state-paused = на паузі
feeds-state-failing = з помилками
feeds-state-disabled = вимкнена
feeds-mode-publish = публікує одразу
feeds-mode-review = чекає перевірки
feeds-line-state = { $state }, { $mode } · матеріалів: { $items }, дублікатів: { $duplicates }
feeds-line-fetched = останнє читання { $date }
feeds-line-never = ще не читалася
feeds-line-topics = теми: { $topics }
feeds-line-error = остання помилка: { $error }
feeds-usage =
    /feeds — список стрічок.
    /feeds add URL [теми] — додати стрічку (нові матеріали отримають підписники тем; ті, що вже є у стрічці, не розсилаються).
    /feeds remove|pause|resume N, /feeds review on|off N (нові матеріали чекають вашої публікації), /feeds export (OPML). Надішліть файл OPML, щоб імпортувати стрічки.
feeds-added = ✅ Стрічку № { $id } додано: { $title }. Читаю її зараз; поточні матеріали зберігаються без розсилки, нові отримають підписники.
feeds-exists = Ця стрічка вже є (№ { $id }).
feeds-add-refused = Не можу додати цю стрічку: { $errors }
feeds-removed = Стрічку № { $id } видалено. Уже опубліковані матеріали залишаються.
feeds-paused = Стрічка № { $id } на паузі. /feeds resume { $id } запускає її знову.
feeds-resumed = Стрічка № { $id } знову працює; читаю її зараз.
feeds-not-found = Стрічки № { $id } немає. /feeds покаже список.
feeds-review-on = Нові матеріали стрічки № { $id } чекатимуть вашої перевірки.
feeds-review-off = Нові матеріали стрічки № { $id } публікуватимуться одразу.
feeds-exported = Ваші стрічки у форматі OPML.
feeds-opml-too-large = Файл завеликий для списку стрічок (не більше 1 МБ).
feeds-opml-unreadable = Не вдалося прочитати файл як OPML. Експортуйте його знову з програми для читання стрічок і надішліть файлом.
feeds-opml-imported = OPML імпортовано: додано стрічок: { $added }, уже були: { $existing }, відхилено: { $refused }.
feeds-review-intro = 📥 Новий матеріал із { $feed } чекає перевірки:
feeds-review-publish = 🚀 Опублікувати
feeds-review-skip = ✖️ Пропустити
feeds-review-skipped = Пропущено.
feeds-review-gone = Цей матеріал уже оброблено.
feeds-review-invalid = Не вдалося опублікувати матеріал: { $problems }
feeds-notice-failing = ⚠️ Стрічка № { $id } ({ $feed }) не читається вже добу: { $error }. Пробуватиму рідше; після тижня помилок її буде вимкнено. /feeds покаже її.
feeds-notice-disabled = 🔴 Стрічка № { $id } ({ $feed }) не читалася тиждень і вимкнена: { $error }. /feeds resume { $id } спробує знову.
