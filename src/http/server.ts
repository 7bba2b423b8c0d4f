/**
 * The one HTTP server of a process: `/healthz`, `/metrics`, the Telegram webhook (webhook mode) and
 * the sub-apps others mount (the admin API under `/api`). A reverse proxy maps the public URL to
 * HTTP_HOST:HTTP_PORT.
 */
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { Hono } from "hono";
import type { Logger } from "pino";
import type { Metrics } from "./metrics.js";

/** A Hono app mounted under `path` ("/api"); "/" mounts routes that carry their full path. */
export interface MountedApp {
  path: string;
  app: Hono<any, any, any>;
}

export interface HttpAppOptions {
  /** Resolves when the database answers a trivial query. */
  ping: () => Promise<void>;
  /** Rendered at `GET /metrics`; absent means no metrics route. */
  metrics?: Pick<Metrics, "render" | "contentType">;
  /** Sub-apps: the webhook, the admin API. */
  routes?: MountedApp[];
  log: Logger;
  /** What the process still waits for before it can work ("telegram" at start), or undefined. */
  waitingFor?: () => string | undefined;
  /** How long /healthz waits for the database (default 2 s). */
  pingTimeoutMs?: number;
}

/** Composes the HTTP app. Pure: nothing listens until {@link startHttpServer}. */
export function createHttpApp(options: HttpAppOptions): Hono {
  const app = new Hono();
  const pingTimeoutMs = options.pingTimeoutMs ?? 2_000;

  app.get("/healthz", async (c) => {
    const waiting = options.waitingFor?.();
    if (waiting) return c.json({ status: "unavailable", reason: waiting }, 503);
    try {
      await withTimeout(options.ping(), pingTimeoutMs);
      return c.json({ status: "ok" });
    } catch (error) {
      options.log.warn({ err: error }, "Health check failed: the database does not answer");
      return c.json({ status: "unavailable", reason: "database" }, 503);
    }
  });

  if (options.metrics) {
    const metrics = options.metrics;
    app.get("/metrics", async (c) => c.body(await metrics.render(), 200, { "content-type": metrics.contentType }));
  }

  for (const route of options.routes ?? []) app.route(route.path, route.app);

  app.notFound((c) => c.json({ error: "not found" }, 404));
  app.onError((error, c) => {
    options.log.error({ err: error, path: c.req.path }, "HTTP handler failed");
    return c.json({ error: "internal error" }, 500);
  });
  return app;
}

export interface HttpServer {
  /** The port actually bound (useful with port 0). */
  port: number;
  /** http://host:port */
  url: string;
  /** Stops accepting connections and resolves once the open requests are answered. */
  close(): Promise<void>;
}

/** Listens on `host:port`. */
export function startHttpServer(app: Hono, options: { host: string; port: number; log: Logger }): Promise<HttpServer> {
  return new Promise((resolve, reject) => {
    let server: ServerType;
    const onError = (error: Error) => reject(error);
    server = serve({ fetch: app.fetch, hostname: options.host, port: options.port }, (info: AddressInfo) => {
      server.off("error", onError);
      server.on("error", (error) => options.log.error({ err: error }, "HTTP server error"));
      const host = info.address.includes(":") ? `[${info.address}]` : info.address;
      options.log.info({ host: info.address, port: info.port }, "HTTP server listening");
      resolve({
        port: info.port,
        url: `http://${host}:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            // close() waits for requests in progress; idle keep-alive sockets are closed by Node itself.
            server.close(() => done());
            if ("closeIdleConnections" in server) server.closeIdleConnections();
          }),
      });
    });
    server.once("error", onError);
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
