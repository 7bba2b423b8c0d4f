/**
 * The process logger: JSON lines through pino, pretty-printed for humans in local mode.
 * Secrets are redacted by key wherever they appear in a log object.
 */
import { pino, type Logger } from "pino";
import pretty from "pino-pretty";

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
}

/** Creates the root logger. */
export function createLogger(options: LoggerOptions): Logger {
  const base = { level: options.level, redact: { paths: REDACTED_KEYS, censor: "[redacted]" } };
  if (options.pretty) {
    // A synchronous stream, not a worker transport: local mode exits as soon as input ends.
    return pino(base, pretty({ destination: 2, sync: true, colorize: false, ignore: "pid,hostname" }));
  }
  return options.destination ? pino(base, options.destination as pino.DestinationStream) : pino(base);
}
