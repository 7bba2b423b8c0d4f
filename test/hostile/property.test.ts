/**
 * Property: for ANY update built from hostile pieces (random Unicode, injections, numbers of every
 * size, every command prefix, every kind of update and chat, random callback data), nothing escapes
 * `handleUpdate`, no handler fails, everything sent is valid Telegram HTML within the limits, and
 * only valid commands write, to their own tables. PGlite only and a bounded number of runs, to stay
 * well under a minute; a failure prints fast-check's seed and the shrunk update (replay it with
 * FC_SEED=<seed>).
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Update } from "grammy/types";
import { createSeededApp } from "../support/database.js";
import { allowedWrites, createHostileBot, faultsOf } from "../support/hostile.js";
import { callbackOf, CONTEXTS, HOSTILE_CALLBACKS, updateOf, type Sender } from "../support/hostile-updates.js";

const ADMIN: Sender = { userId: 100, groupId: -100_100 };
const STRANGER: Sender = { userId: 7001, groupId: -100_7001 };
const RUNS = 500;

const fragment = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  // Single UTF-16 code units: lone surrogates, controls, zero-width and direction marks.
  fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
  fc.constantFrom("<b>", "</b>", "</a>", "<i>", "&", "&amp;", "&#0;", "&nbsp;", '<a href="javascript:alert(1)">', "<script>", '"', "'"),
  fc.constantFrom("*", "_", "`", "```", "[x](javascript:y)", "||", "~~", "\\"),
  fc.constantFrom("'; DROP TABLE articles; --", "1' OR '1'='1", "%", "%_", "$1", "\u0000"),
  fc.constantFrom("\u200B", "\u200D", "\u2060", "\uFEFF", "\u202E", "\u200F", "\uD800", "\uDC00", "🇺🇦", "👩‍👩‍👧‍👦"),
  fc.oneof(fc.integer(), fc.bigInt(), fc.double(), fc.constant(-1), fc.constant(0), fc.constant(1e309)).map(String),
  fc.constantFrom("Putin", "Macron", "Zelensky", "diplomacy", "ukraine", "usa", "all", "#1", "1", "3", "10"),
);

const words = fc.array(fragment, { maxLength: 8 }).map((parts) => parts.join(" "));
// Up to 10,000 characters of a repeated piece (possibly cut inside a surrogate pair).
const long = fc.tuple(fragment.filter((f) => f.length > 0), fc.integer({ min: 1_000, max: 10_000 })).map(([piece, n]) => piece.repeat(Math.ceil(n / piece.length)).slice(0, n));

const PREFIXES = [
  "", "/", "//", "/ ", "/latest ", "/latest@otherbot ", "/latest@test_news_bot ", "/LATEST ", "/sources ", "/who ", "who is ",
  "/subscribe ", "/unsubscribe ", "/topics ", "/start ", "/help ", "/language ", "/stats ", "/admins ", "/admins add ",
  "/admins remove ", "/cancel ", "/post ",
];

const sender = fc.constantFrom(STRANGER, ADMIN);

const textUpdates = fc
  .tuple(fc.constantFrom(...PREFIXES), fc.oneof({ weight: 4, arbitrary: words }, { weight: 1, arbitrary: long }), fc.constantFrom(...CONTEXTS), sender)
  // An admin's /post opens a conversation, which legitimately keeps state in kv_store from then on;
  // the corpus test covers the conversation.
  .filter(([prefix, , context, who]) => !(prefix === "/post " && who === ADMIN && ["private", "caption"].includes(context)))
  .map(([prefix, rest, context, who]) => updateOf(`${prefix}${rest}`, context, who));

const callbackData = fc.oneof(
  fc.string({ maxLength: 64 }),
  fc.string({ unit: "binary", maxLength: 16 }),
  fc.constantFrom(...HOSTILE_CALLBACKS),
  fc
    .tuple(
      fc.constantFrom("a:src:", "a:who:", "a:full:", "e:", "post:t:", "post:", "language/", "topics/", "topics/0/"),
      fc.oneof(fc.nat().map(String), fc.integer().map(String), fc.string({ maxLength: 20 }), fc.constant("1:m:99999")),
    )
    .map(([head, tail]) => `${head}${tail}`),
);
const callbackUpdates = fc
  .tuple(callbackData, sender, fc.constantFrom("private", "group", "inline") as fc.Arbitrary<"private" | "group" | "inline">)
  .map(([data, who, where]) => callbackOf(data, who, where));

const anyUpdate: fc.Arbitrary<Update> = fc.oneof({ weight: 3, arbitrary: textUpdates }, { weight: 1, arbitrary: callbackUpdates });

describe("hostile updates, property-based (pglite)", () => {
  let app: Awaited<ReturnType<typeof createSeededApp>>;
  let hostile: ReturnType<typeof createHostileBot>;
  beforeAll(async () => {
    app = await createSeededApp("pglite");
    hostile = createHostileBot(app, { adminIds: [ADMIN.userId] });
  });
  afterAll(async () => {
    await app?.database.close();
  });

  it(`${RUNS} random hostile updates: no escape, no handler failure, valid HTML, no unexpected write`, async () => {
    const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
    await fc.assert(
      fc.asyncProperty(anyUpdate, async (update) => {
        const allowed = allowedWrites(update, { isAdmin: (id) => id === ADMIN.userId });
        const faults = faultsOf(await hostile.send(update), allowed);
        expect(faults).toEqual([]);
      }),
      { numRuns: RUNS, seed, endOnFailure: false },
    );
  });
});
