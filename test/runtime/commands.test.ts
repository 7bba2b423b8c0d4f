import { describe, expect, it } from "vitest";
import { Api } from "grammy";
import { registerCommands } from "../../src/bot/commands.js";
import { createI18n, translatorFor } from "../../src/bot/i18n.js";
import { captureLogs } from "../support/logs.js";
import { createRecordingApi, TEST_TOKEN } from "../support/telegram.js";

const i18n = createI18n();
const translate = (locale: string) => translatorFor(i18n, locale);

describe("command lists", () => {
  it("registers public commands for everyone and admin commands in each admin's chat, per language", async () => {
    const recording = createRecordingApi();
    const api = new Api(TEST_TOKEN, { fetch: recording.fetch });
    const ok = await registerCommands(api, { translatorFor: translate, adminIds: [111, 222], log: captureLogs().log });
    expect(ok).toBe(true);

    const calls = recording.of("setMyCommands").map((c) => c.payload as {
      scope: { type: string; chat_id?: number };
      language_code?: string;
      commands: { command: string; description: string }[];
    });
    const key = (c: (typeof calls)[number]) => `${c.scope.type}${c.scope.chat_id ?? ""}/${c.language_code ?? "default"}`;
    expect(calls.map(key).sort()).toEqual(
      ["default", "chat111", "chat222"].flatMap((scope) => ["default", "fr", "ru", "uk"].map((l) => `${scope}/${l}`)).sort(),
    );

    const everyone = calls.find((c) => key(c) === "default/default")!;
    expect(everyone.commands.map((c) => c.command)).toEqual(["start", "help", "latest", "sources", "subscribe", "unsubscribe", "topics", "who", "follow", "unfollow", "following", "filter", "digest", "quiet", "timezone", "settings", "story", "language"]);
    expect(everyone.commands[0]!.description).toBe("welcome and the newest headline");

    const adminFrench = calls.find((c) => key(c) === "chat111/fr")!;
    expect(adminFrench.commands.map((c) => c.command)).toEqual([
      "start", "help", "latest", "sources", "subscribe", "unsubscribe", "topics", "who", "follow", "unfollow", "following", "filter", "digest", "quiet", "timezone", "settings", "story", "language", "post", "feeds", "stats", "admins", "cancel",
    ]);
    expect(adminFrench.commands.find((c) => c.command === "post")!.description).toBe("publier un nouvel article");
    expect(calls.find((c) => key(c) === "default/uk")!.commands.find((c) => c.command === "language")!.description).toBe("вибрати мову бота");
    for (const call of calls) for (const command of call.commands) expect(command.description.length).toBeLessThanOrEqual(256);
  });

  it("tolerates a refusal: logs a warning and carries on", async () => {
    const recording = createRecordingApi({ respond: () => ({ ok: false, error_code: 429, description: "Too Many Requests: retry after 5" }) });
    const api = new Api(TEST_TOKEN, { fetch: recording.fetch });
    const logs = captureLogs();
    expect(await registerCommands(api, { translatorFor: translate, adminIds: [], log: logs.log })).toBe(false);
    expect(logs.lines().some((l) => l.level === 40 && String(l.msg).startsWith("Could not register the command lists"))).toBe(true);
  });
});
