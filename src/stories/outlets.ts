/** Which outlet reported an article, and the outlets of a story: one definition for the views, the API and the queries. */

/** A link's host without "www.", or null when it is not a URL. */
export function linkHost(url: string): string | null {
  try {
    return new URL(url).host.replace(/^www\./, "");
  } catch {
    return null;
  }
}

/** An article's outlet: its site, else its link's host. */
export function outletOf(article: { site: string | null; url: string | null }): string | null {
  if (article.site?.trim()) return article.site.trim();
  return article.url ? linkHost(article.url) : null;
}

/** The distinct outlets of a story's articles, in order of first report. */
export function storyOutlets(articles: readonly { site: string | null; url: string | null }[]): string[] {
  const seen = new Map<string, string>();
  for (const article of articles) {
    const outlet = outletOf(article);
    if (outlet && !seen.has(outlet.toLowerCase())) seen.set(outlet.toLowerCase(), outlet);
  }
  return [...seen.values()];
}
