import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EntitySeed } from "../../src/db/repositories/catalog.js";
import { normalizeName } from "../../src/text/normalize.js";
import { createWhoIsService } from "../../src/entities/who-is.js";
import { aliasKeys, entitySearchText } from "../../src/news/service.js";
import { BACKENDS, createSeededApp } from "../support/database.js";
import { answerName } from "../support/who-is.js";

/** 600 people called Dmitriy, the crowd that hides one Kirill Dmitriev. */
function dmitriys(): EntitySeed[] {
  const prefixes = ["", "Belo", "Cherno", "Novo", "Staro", "Krasno", "Zeleno", "Bolsh", "Mal", "Verkh", "Nizh", "Dal", "Gor", "Pod", "Za", "Pere", "Pri", "Ras", "Vy", "Ob"];
  const stems = ["sokol", "volk", "moroz", "lebed", "orl", "gus"];
  const suffixes = ["ov", "ev", "in", "sky", "enko"];
  return prefixes.flatMap((prefix) =>
    stems.flatMap((stem) =>
      suffixes.map((suffix) => {
        const surname = (prefix + stem + suffix).replace(/^./, (c) => c.toUpperCase());
        return { slug: `dmitriy-${surname.toLowerCase()}`, kind: "person" as const, name: `Dmitriy ${surname}`, aliases: [surname], descriptions: { en: "official" } };
      }),
    ),
  );
}

describe.each(BACKENDS)("name search among hundreds of Dmitriys on %s", (backend) => {
  let app: Awaited<ReturnType<typeof createSeededApp>>;
  let whoIs: ReturnType<typeof createWhoIsService>;

  beforeAll(async () => {
    app = await createSeededApp(backend);
    await app.repos.catalog.upsertEntities(dmitriys().map((seed) => ({ seed, aliases: aliasKeys(seed), searchText: entitySearchText(seed) })));
    whoIs = createWhoIsService({ entities: app.repos.entities });
  });
  afterAll(() => app?.database.close());

  const nameOf = (subject: string, bareName = false) => answerName(whoIs)(subject, bareName);

  it.each([
    ["Dmitriyev", "Kirill Dmitriev"],
    ["Dmitirev", "Kirill Dmitriev"],
    ["Kirill Dmitriyev", "Kirill Dmitriev"],
    ["Kiril Dmitirev", "Kirill Dmitriev"],
    ["Дмитриев", "Kirill Dmitriev"],
  ])("%s → %s, not one of the Dmitriys", async (subject, expected) => {
    expect(await nameOf(subject)).toBe(expected);
  });

  it("a first name shared by hundreds is a choice, not a guess", async () => {
    // Dmitry Peskov is in the news and the Dmitriys are not, but they are a sample of many.
    const answer = await whoIs.answer("Dmitriy");
    expect(answer?.kind).toBe("choices");
    expect(await nameOf("Dmitriy", true)).toBeUndefined();
  });

  it("a first name is a choice even when one of its bearers is in the news", async () => {
    // Kirill Dmitriev is in the seed articles; the other Kirills are not.
    const kirills = dmitriys()
      .slice(0, 30)
      .map((seed) => ({ ...seed, slug: seed.slug.replace("dmitriy", "kirill"), name: seed.name.replace("Dmitriy", "Kirill"), aliases: [] }));
    await app.repos.catalog.upsertEntities(kirills.map((seed) => ({ seed, aliases: aliasKeys(seed), searchText: entitySearchText(seed) })));
    expect((await whoIs.answer("Kirill"))?.kind).toBe("choices");
  });

  it("one Dmitriy by full name or surname, in either script", async () => {
    expect(await nameOf("Dmitriy Sokolov")).toBe("Dmitriy Sokolov");
    expect(await nameOf("Дмитрий Соколов")).toBe("Dmitriy Sokolov"); // transliterated: no Cyrillic alias stored
    expect(await nameOf("Sokolov")).toBe("Dmitriy Sokolov");
  });

  it("searchByName returns each entity once, exact keys first", async () => {
    const matches = await app.repos.entities.searchByName(normalizeName("Dmitriy"), 24);
    expect(matches.length).toBe(24);
    expect(new Set(matches.map((m) => m.entityId)).size).toBe(24);
    const [exact] = await app.repos.entities.searchByName(normalizeName("Kirill Dmitriev"));
    expect(exact).toMatchObject({ name: "Kirill Dmitriev", score: 1 });
  });
});
