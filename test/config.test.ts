import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../src/config.js";

describe("parseConfig", () => {
  it("gives working defaults for an empty environment (local mode on PGlite)", () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      botToken: undefined,
      telegramApiRoot: "https://api.telegram.org",
      databaseUrl: undefined,
      dataDir: "./data",
      adminIds: [],
      httpHost: "127.0.0.1",
      httpPort: 8080,
      broadcastRate: 25,
      broadcastPaid: false,
      botRole: "all",
      logLevel: "info",
    });
  });

  it("reads every variable", () => {
    const config = parseConfig({
      BOT_TOKEN: "123456:ABCdefGHIjklMNOpqrSTUvwxYZ",
      TELEGRAM_API_ROOT: "http://localhost:8081/",
      DATABASE_URL: "postgres://postgres@127.0.0.1:5432/news",
      DATA_DIR: "/var/lib/newsbot",
      ADMIN_IDS: "11, 22,33",
      ADMIN_API_TOKEN: "a-very-long-admin-token",
      HTTP_HOST: "0.0.0.0",
      HTTP_PORT: "9000",
      WEBHOOK_URL: "https://bot.example.org/telegram",
      WEBHOOK_SECRET: "s3cret_-token",
      BROADCAST_RATE: "500",
      BROADCAST_PAID: "true",
      SOURCE_CHANNEL_ID: "-1001234567890",
      BOT_ROLE: "delivery",
      LOG_LEVEL: "debug",
    });
    expect(config).toMatchObject({
      telegramApiRoot: "http://localhost:8081",
      adminIds: [11, 22, 33],
      httpPort: 9000,
      broadcastRate: 500,
      broadcastPaid: true,
      sourceChannelId: -1001234567890,
      botRole: "delivery",
    });
  });

  it("paid broadcasts default to 1000 messages/s", () => {
    expect(parseConfig({ BROADCAST_PAID: "yes" }).broadcastRate).toBe(1000);
  });

  it("lists every problem at once", () => {
    let error: unknown;
    try {
      parseConfig({
        BOT_TOKEN: "nonsense",
        DATABASE_URL: "mysql://x",
        ADMIN_IDS: "12,abc",
        HTTP_PORT: "70000",
        WEBHOOK_URL: "https://bot.example.org/hook",
        BROADCAST_RATE: "200",
        BOT_ROLE: "everything",
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join("\n");
    for (const name of ["BOT_TOKEN", "DATABASE_URL", "ADMIN_IDS", "HTTP_PORT", "WEBHOOK_SECRET", "BROADCAST_RATE", "BOT_ROLE"]) {
      expect(problems).toContain(name);
    }
    expect(problems).toContain('"abc" is not a Telegram user id');
  });

  it("treats empty values as unset", () => {
    expect(parseConfig({ BOT_TOKEN: "", DATABASE_URL: "  " })).toMatchObject({ botToken: undefined, databaseUrl: undefined });
  });
});
