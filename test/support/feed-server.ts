/**
 * A local HTTP server that plays feed publishers and their article pages: each path answers with
 * what the test set, and every request is recorded (headers included) so tests can check the
 * conditional GETs, the User-Agent and that no two fetches of a feed overlap.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Served {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Delay before answering, in ms (a slow publisher). */
  delayMs?: number;
}

export type Route = Served | ((request: IncomingMessage) => Served);

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage["headers"];
}

/** Starts the server on 127.0.0.1 (port chosen by the system). */
export async function startFeedServer() {
  const routes = new Map<string, Route>();
  const requests: RecordedRequest[] = [];
  const inFlight = new Map<string, number>();
  let maxInFlight = 0;

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = request.url ?? "/";
    requests.push({ path, headers: request.headers });
    const route = routes.get(path);
    const served: Served = route === undefined ? { status: 404, body: "not found" } : typeof route === "function" ? route(request) : route;
    const now = (inFlight.get(path) ?? 0) + 1;
    inFlight.set(path, now);
    maxInFlight = Math.max(maxInFlight, now);
    setTimeout(() => {
      inFlight.set(path, (inFlight.get(path) ?? 1) - 1);
      response.writeHead(served.status ?? 200, served.headers ?? { "content-type": "application/rss+xml; charset=utf-8" });
      response.end(served.body ?? "");
    }, served.delayMs ?? 0);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    base,
    url: (path: string) => `${base}${path}`,
    /** Sets what `path` answers. */
    serve(path: string, route: Route): void {
      routes.set(path, route);
    },
    requests,
    requestsTo: (path: string) => requests.filter((r) => r.path === path),
    /** The most requests to one path that were ever answered at the same time. */
    maxConcurrent: () => maxInFlight,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FeedServer = Awaited<ReturnType<typeof startFeedServer>>;

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export interface TestItem {
  guid: string;
  title: string;
  link: string;
  /** Plain text of the item (the feed's description or content). */
  text: string;
  /** Put the text in content:encoded (a full-text feed) rather than description (a teaser). */
  full?: boolean;
  date?: Date;
  categories?: string[];
}

/** An RSS 2.0 document of `items`. */
export function rss(title: string, items: TestItem[], options: { ttlMinutes?: number; language?: string } = {}): string {
  const entries = items.map((item) => {
    const html = item.text
      .split(/\n\n/)
      .map((p) => `<p>${escapeXml(p)}</p>`)
      .join("");
    return [
      "<item>",
      `<title>${escapeXml(item.title)}</title>`,
      `<link>${escapeXml(item.link)}</link>`,
      `<guid isPermaLink="false">${escapeXml(item.guid)}</guid>`,
      item.date ? `<pubDate>${item.date.toUTCString()}</pubDate>` : "",
      ...(item.categories ?? []).map((c) => `<category>${escapeXml(c)}</category>`),
      item.full ? `<description>${escapeXml(item.text.slice(0, 80))}</description><content:encoded><![CDATA[${html}]]></content:encoded>` : `<description>${escapeXml(html)}</description>`,
      "</item>",
    ].join("");
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>${escapeXml(title)}</title><link>https://example.org/</link>${options.language ? `<language>${options.language}</language>` : ""}${options.ttlMinutes ? `<ttl>${options.ttlMinutes}</ttl>` : ""}
${entries.join("\n")}
</channel></rss>`;
}

/** An article page with navigation, the article's paragraphs and a footer. */
export function articlePage(title: string, paragraphs: string[], options: { canonical?: string; lang?: string } = {}): string {
  return `<!doctype html><html lang="${options.lang ?? "en"}"><head><meta charset="utf-8"><title>${escapeXml(title)}</title>
${options.canonical ? `<link rel="canonical" href="${escapeXml(options.canonical)}">` : ""}<script>window.tracking = 1;</script></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav></header>
<main><article><h1>${escapeXml(title)}</h1>${paragraphs.map((p) => `<p>${escapeXml(p)}</p>`).join("\n")}<img src="https://tracker.example/pixel.gif" width="1" height="1"></article></main>
<aside>Most read: nothing to see here</aside><footer>© Example Publisher. All rights reserved.</footer></body></html>`;
}
