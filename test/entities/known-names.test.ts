import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKnownNames, indexWords, wordMightBeName } from "../../src/entities/known-names.js";
import { normalizeName } from "../../src/text/normalize.js";
import { parseWhoQuestion } from "../../src/entities/question.js";
import { createWhoIsService } from "../../src/entities/who-is.js";
import { BACKENDS, createSeededApp } from "../support/database.js";

describe("the could-this-be-a-name check", () => {
  const index = indexWords(["kiril", "dmitriev", "putin", "vitkof", "g7"]);
  const might = (word: string) => wordMightBeName(word, index);

  it("passes alias words, cut-short and declined forms, one mistake, and names run together", () => {
    const words = ["dmitriev", "g7", "dmitri", "putina", "dmitrieva", "dmitirev", "dmitrev", "bitkof", "vitkoff", "kirildmitriev", "putinvitkof"];
    for (const word of words) {
      expect(might(word), word).toBe(true);
    }
  });

  it("refuses words far from every alias word, and short words that are not one", () => {
    for (const word of ["hello", "thanks", "morning", "put", "dmit", "dmitrievskaya", "pitun", "putn", "ok", "putinhello"]) expect(might(word), word).toBe(false);
  });

  it("reads the words once, refreshes them in the background when old, and at once on refresh()", async () => {
    let words = ["putin"];
    let reads = 0;
    let now = 0;
    const known = createKnownNames({ all: async () => (reads++, words) }, { refreshMs: 1000, now: () => now });
    expect(await known.mightBeName("Путин")).toBe(true);
    expect(await known.mightBeName("Wadephul")).toBe(false);
    expect(reads).toBe(1);

    words = ["putin", "vadeful"];
    await known.refresh();
    expect(await known.mightBeName("Johann Wadephul")).toBe(true);
    expect(reads).toBe(2);

    words = ["vadeful"];
    now = 1500; // old: this answer still uses the loaded words, the next one the reloaded ones
    expect(await known.mightBeName("Putin")).toBe(true);
    await Promise.resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(reads).toBe(3);
    expect(await known.mightBeName("Putin")).toBe(false);
  });

  it("keeps the words it has when a background refresh fails", async () => {
    let now = 0;
    let fail = false;
    const known = createKnownNames({ all: async () => (fail ? Promise.reject(new Error("db down")) : ["putin"]) }, { refreshMs: 10, now: () => now });
    expect(await known.mightBeName("putin")).toBe(true);
    fail = true;
    now = 100;
    expect(await known.mightBeName("putin")).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await known.mightBeName("putin")).toBe(true);
  });
});

/**
 * A name as people type it: declined endings, and, on its normalised form, one letter
 * dropped, swapped or changed, the end cut off, or the words run together. Normalised variants are
 * kept only when normalising them changes nothing, so each is exactly one such change away.
 */
function variants(name: string): string[] {
  // Case needs no variant: normalising lowers it before anything compares.
  const out = [name, `${name}a`, `${name}om`];
  const key = normalizeName(name);
  const words = key.split(" ");
  const changed: string[] = [key.slice(0, -2)];
  if (words.length === 2 && words.every((word) => word.length >= 3)) changed.push(words.join(""));
  for (let i = 1; i < key.length - 1; i += 4) {
    if (key[i] === " " || key[i + 1] === " ") continue;
    changed.push(key.slice(0, i) + key.slice(i + 1), key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2), key.slice(0, i) + "o" + key.slice(i + 1));
  }
  return [...out, ...changed.filter((text) => normalizeName(text) === text)];
}

describe.each(BACKENDS)("the check against the real name search (%s)", (backend) => {
  let app: Awaited<ReturnType<typeof createSeededApp>>;
  beforeAll(async () => {
    app = await createSeededApp(backend);
  });
  afterAll(() => app?.database.close());

  it("lets through every bare name the search would answer, for the catalog's names and their variants", async () => {
    const whoIs = createWhoIsService({ entities: app.repos.entities });
    const known = createKnownNames(app.repos.nameWords);
    // A quarter of the catalog (every fourth entity) keeps this under a few seconds per backend.
    const entities = (await app.repos.catalog.listEntities()).filter((_, i) => i % 4 === 0);
    let answered = 0;
    const blocked: string[] = [];
    for (const entity of entities) {
      for (const text of [entity.name, ...entity.aliases].flatMap(variants)) {
        const question = parseWhoQuestion(text);
        if (!question || question.asked) continue;
        if (!(await whoIs.answer(question.subject, { bareName: true }))) continue;
        answered++;
        if (!(await known.mightBeName(question.subject))) blocked.push(text);
      }
    }
    expect(answered).toBeGreaterThan(200);
    expect(blocked).toEqual([]);
  }, 120_000);

  it("stops ordinary chatter that the search would not answer either", async () => {
    const whoIs = createWhoIsService({ entities: app.repos.entities });
    const known = createKnownNames(app.repos.nameWords);
    for (const text of ["thanks!", "good morning everyone", "see you tomorrow", "lol", "привет", "дякую", "merci beaucoup"]) {
      const question = parseWhoQuestion(text)!;
      expect(await known.mightBeName(question.subject), text).toBe(false);
      expect(await whoIs.answer(question.subject, { bareName: true }), text).toBeUndefined();
    }
  });
});
