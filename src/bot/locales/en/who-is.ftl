who-usage = Send /who followed by a name, for example /who Dmitriev, or just ask “who is Witkoff?”.
who-no-description = No description is stored for this name; here is what the news says.
who-role = { $role }
who-mentions-title = { $count ->
    [one] Mentioned once in the news:
   *[other] Mentioned { $count } times in the news, latest first:
}
who-mentions-of = More mentions of { $name }:
who-no-mentions = No article mentions this name yet.
who-no-more-mentions = There are no more mentions of { $name }.
who-more-mentions = More mentions
who-did-you-mean = Several names match “{ $subject }”. Did you mean:
who-unknown = I have no data on “{ $subject }”. I only know the people, organisations and places in the news I hold.
who-unknown-suggest = I have no data on “{ $subject }”. The nearest names I know:
who-from-news = From the news
who-from-catalog = From the catalog
