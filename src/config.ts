/**
 * Configuration from the environment, parsed by one pure function so that a wrong value is reported
 * once, with every problem listed, before anything starts.
 */
import { z } from "zod";

const SECRET_TOKEN = /^[A-Za-z0-9_-]{1,256}$/;

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const integerList = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    if (!value) return [];
    const ids: number[] = [];
    for (const part of value.split(/[\s,]+/).filter(Boolean)) {
      if (!/^-?\d{1,16}$/.test(part)) {
        ctx.addIssue({ code: "custom", message: `"${part}" is not a Telegram user id (expected digits, comma-separated)` });
        continue;
      }
      ids.push(Number(part));
    }
    return ids;
  });

const boolean = z
  .string()
  .trim()
  .toLowerCase()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value === "") return false;
    if (["1", "true", "yes", "on"].includes(value)) return true;
    if (["0", "false", "no", "off"].includes(value)) return false;
    ctx.addIssue({ code: "custom", message: `"${value}" is not a boolean (use true or false)` });
    return false;
  });

const envSchema = z
  .object({
    BOT_TOKEN: optionalString.pipe(
      z
        .string()
        .regex(/^\d+:[A-Za-z0-9_-]{20,}$/, "does not look like a bot token from @BotFather (123456:ABC…)")
        .optional(),
    ),
    TELEGRAM_API_ROOT: optionalString.pipe(z.url({ protocol: /^https?$/ }).default("https://api.telegram.org")),
    DATABASE_URL: optionalString.pipe(
      z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// URL" }).optional(),
    ),
    DATA_DIR: optionalString.pipe(z.string().default("./data")),
    ADMIN_IDS: integerList,
    ADMIN_API_TOKEN: optionalString.pipe(
      z.string().min(16, "must be at least 16 characters (use a long random string)").optional(),
    ),
    HTTP_HOST: optionalString.pipe(z.string().default("127.0.0.1")),
    HTTP_PORT: optionalString.pipe(z.coerce.number<string | undefined>().int().min(0).max(65535).default(8080)),
    WEBHOOK_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
    WEBHOOK_SECRET: optionalString.pipe(
      z.string().regex(SECRET_TOKEN, "must be 1–256 characters of A-Z, a-z, 0-9, _ and -").optional(),
    ),
    BROADCAST_RATE: optionalString.pipe(z.coerce.number<string | undefined>().int().min(1).max(1000).optional()),
    BROADCAST_PAID: boolean,
    SOURCE_CHANNEL_ID: optionalString.pipe(
      z.string().regex(/^-?\d{1,16}$/, "must be a numeric chat id such as -1001234567890").transform(Number).optional(),
    ),
    BOT_ROLE: optionalString.pipe(z.enum(["all", "updates", "delivery", "feeds"]).default("all")),
    FEED_MIN_INTERVAL: optionalString.pipe(z.coerce.number<string | undefined>().int().min(1).max(43_200).default(300)),
    FEEDS_ALLOW_PRIVATE: boolean,
    DELIVERY_RETENTION_DAYS: optionalString.pipe(z.coerce.number<string | undefined>().int().min(1).max(3650).default(14)),
    FLOOD_LIMIT: optionalString.pipe(z.coerce.number<string | undefined>().int().min(0).max(10_000).default(20)),
    LOG_LEVEL: optionalString.pipe(
      z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    ),
  });

export interface Config {
  botToken?: string;
  telegramApiRoot: string;
  databaseUrl?: string;
  dataDir: string;
  adminIds: number[];
  adminApiToken?: string;
  httpHost: string;
  httpPort: number;
  webhookUrl?: string;
  webhookSecret?: string;
  broadcastRate: number;
  broadcastPaid: boolean;
  sourceChannelId?: number;
  /** all = updates + delivery + feeds, in one process. */
  botRole: "all" | "updates" | "delivery" | "feeds";
  /** FEED_MIN_INTERVAL: the shortest time between two fetches of one feed, in seconds. */
  feedMinInterval: number;
  /** FEEDS_ALLOW_PRIVATE: feeds may be on loopback or private addresses (tests, intranets). */
  feedsAllowPrivate: boolean;
  /** DELIVERY_RETENTION_DAYS: finished deliveries are deleted after this many days. */
  deliveryRetentionDays: number;
  /** FLOOD_LIMIT: updates one user may send in 10 s before the next are dropped; 0 turns it off. */
  floodLimit: number;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
}

/** Every problem found in the environment, one line each. */
export class ConfigError extends Error {
  override name = "ConfigError";
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/**
 * Parses the environment into a {@link Config}. Pure: reads only `env`.
 * @throws ConfigError listing every invalid or missing value.
 */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = envSchema.safeParse(env);
  // Cross-field rules are checked on the raw values too, so they are reported with the rest.
  const problems = [...(result.error?.issues ?? []).map((issue) => `${issue.path.join(".") || "environment"}: ${issue.message}`), ...crossFieldProblems(env)];
  if (!result.success || problems.length > 0) throw new ConfigError(problems);
  const e = result.data;
  return {
    botToken: e.BOT_TOKEN,
    telegramApiRoot: e.TELEGRAM_API_ROOT.replace(/\/+$/, ""),
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    adminIds: e.ADMIN_IDS,
    adminApiToken: e.ADMIN_API_TOKEN,
    httpHost: e.HTTP_HOST,
    httpPort: e.HTTP_PORT,
    webhookUrl: e.WEBHOOK_URL,
    webhookSecret: e.WEBHOOK_SECRET,
    broadcastRate: e.BROADCAST_RATE ?? (e.BROADCAST_PAID ? 1000 : 25),
    broadcastPaid: e.BROADCAST_PAID,
    sourceChannelId: e.SOURCE_CHANNEL_ID,
    botRole: e.BOT_ROLE,
    feedMinInterval: e.FEED_MIN_INTERVAL,
    feedsAllowPrivate: e.FEEDS_ALLOW_PRIVATE,
    deliveryRetentionDays: e.DELIVERY_RETENTION_DAYS,
    floodLimit: e.FLOOD_LIMIT,
    logLevel: e.LOG_LEVEL,
  };
}

function crossFieldProblems(env: Record<string, string | undefined>): string[] {
  const set = (name: string) => Boolean(env[name]?.trim());
  const problems: string[] = [];
  if (set("WEBHOOK_URL") && !set("WEBHOOK_SECRET")) problems.push("WEBHOOK_SECRET: is required when WEBHOOK_URL is set");
  if (set("WEBHOOK_URL") && !set("BOT_TOKEN")) problems.push("BOT_TOKEN: is required when WEBHOOK_URL is set");
  const paid = ["1", "true", "yes", "on"].includes(env.BROADCAST_PAID?.trim().toLowerCase() ?? "");
  if (Number(env.BROADCAST_RATE) > 30 && !paid) {
    problems.push("BROADCAST_RATE: above 30 messages/s needs BROADCAST_PAID=true (Telegram's free limit is about 30/s)");
  }
  return problems;
}
