/**
 * The process logger: JSON lines through pino, pretty-printed for humans in local mode.
 * Secrets are redacted by key wherever they appear in a log object.
 */
import { pino, type Logger } from "pino";
import { createRequire } from "node:module";

export type { Logger };

const REDACTED_KEYS = [
  "token",
  "botToken",
  "secret",
  "webhookSecret",
  "adminApiToken",
  "authorization",
  "password",
  "databaseUrl",
  "*.token",
  "*.botToken",
  "*.secret",
  "*.webhookSecret",
  "*.adminApiToken",
  "*.authorization",
  "*.password",
  "*.databaseUrl",
  'headers["x-telegram-bot-api-secret-token"]',
];

export interface LoggerOptions {
  level: string;
  /** Human-readable output on stderr (local mode), instead of JSON on stdout. */
  pretty?: boolean;
  /** Where JSON lines go (tests capture them); defaults to stdout. */
  destination?: NodeJS.WritableStream;
  /**
   * Secret values (bot token, webhook secret, API token, database password) to mask wherever they
   * appear in a line, even inside an error message or a URL: redaction by key cannot catch those.
   */
  secrets?: Array<string | undefined>;
}

/** Creates the root logger. */
export function createLogger(options: LoggerOptions): Logger {
  const secrets = [...new Set((options.secrets ?? []).filter((s): s is string => typeof s === "string" && s.length >= 4))]
    // Longest first, so a secret that contains another is masked whole.
    .sort((a, b) => b.length - a.length);
  const base: pino.LoggerOptions = {
    level: options.level,
    redact: { paths: REDACTED_KEYS, censor: "[redacted]" },
    ...(secrets.length ? { hooks: { streamWrite: (line: string) => maskSecrets(line, secrets) } } : {}),
  };
  if (options.pretty) {
    // A synchronous stream, not a worker transport: local mode exits as soon as input ends. Loaded
    // only here: a bot talking to Telegram never needs the pretty printer in memory.
    const pretty = createRequire(import.meta.url)("pino-pretty") as typeof import("pino-pretty");
    return pino(base, pretty({ destination: 2, sync: true, colorize: false, singleLine: true, ignore: "pid,hostname" }));
  }
  return options.destination ? pino(base, options.destination as pino.DestinationStream) : pino(base);
}

/** Replaces every occurrence of each secret (raw or JSON-escaped) with a mask. */
export function maskSecrets(line: string, secrets: readonly string[]): string {
  let out = line;
  for (const secret of secrets) {
    for (const form of new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)])) {
      out = out.split(form).join("[secret]");
    }
  }
  return out;
}
