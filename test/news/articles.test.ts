import { describe, expect, it } from "vitest";
import { analyzeArticle } from "../../src/news/analyze.js";
import { catalog, fixture } from "./helpers.js";

const keys = (a: ReturnType<typeof analyzeArticle>) => a.citations.map((c) => `${c.sourceKey}@${c.position}`);
const roleOf = (a: ReturnType<typeof analyzeArticle>, slug: string) =>
  a.mentions.find((m) => m.entitySlug === slug && m.role)?.role;

describe("English article", () => {
  const a = analyzeArticle(fixture("en-geneva-talks"), catalog);

  it("finds the outlet and the speakers, catalog and not", () => {
    expect(a.language).toBe("en");
    expect(keys(a)).toEqual([
      "outlet:reuters@0",
      "entity:andriy-yermak@1",
      "entity:marco-rubio@2",
      `speaker:${"yane doerflinger"}@4`,
      "entity:johann-wadephul@5",
    ]);
    expect(a.citations.find((c) => c.sourceKey.startsWith("speaker:"))?.speaker).toBe("Jane Doerflinger");
  });

  it("reads English appositions, possessives included", () => {
    expect(roleOf(a, "marco-rubio")).toBe("US Secretary of State");
    expect(roleOf(a, "andriy-yermak")).toBe("Ukraine's chief negotiator");
    expect(roleOf(a, "steve-witkoff")).toBe("US special envoy");
    expect(roleOf(a, "johann-wadephul")).toBe("Germany's foreign minister");
  });

  it("counts a surname alone and proposes unknown names as candidates", () => {
    expect(a.mentions.filter((m) => m.entitySlug === "marco-rubio").map((m) => m.position)).toEqual([0, 2]);
    expect(a.mentions.filter((m) => m.candidate).map((m) => m.candidate)).toEqual([
      { name: "Jane Doerflinger", kind: "person", confident: true },
      { name: "Atlantic Council", kind: "organization", confident: true },
    ]);
  });

  it("suggests the tagged topic first", () => {
    expect(a.topics[0]).toBe("diplomacy");
    expect(a.topics).toEqual(expect.arrayContaining(["usa", "ukraine"]));
  });
});

describe("Russian article", () => {
  const a = analyzeArticle(fixture("ru-peskov-plan"), catalog);

  it("finds сообщает РБК, по данным ТАСС, пишет Reuters and the speakers", () => {
    expect(a.language).toBe("ru");
    expect(keys(a)).toEqual([
      "outlet:rbc@0",
      "entity:dmitry-peskov@0",
      "outlet:tass@1",
      "entity:kirill-dmitriev@2",
      "outlet:reuters@3",
      "speaker:ivan petrenko@4",
    ]);
  });

  it("matches inflected Cyrillic names and reads Russian roles", () => {
    expect(a.mentions.filter((m) => m.entitySlug === "kirill-dmitriev").map((m) => m.position)).toEqual([1, 2]);
    expect(roleOf(a, "steve-witkoff")).toBe("спецпосланник президента США");
    expect(roleOf(a, "kirill-dmitriev")).toBe("Глава РФПИ");
    expect(roleOf(a, "dmitry-peskov")).toBe("Пресс-секретарь президента России");
  });

  it("proposes the unknown analyst as a candidate person with his role", () => {
    expect(a.mentions.filter((m) => m.candidate)).toEqual([
      expect.objectContaining({ candidate: { name: "Иван Петренко", kind: "person", confident: true }, position: 4, role: "Политолог" }),
    ]);
  });

  it("takes the Russian tag as the first topic", () => {
    expect(a.topics[0]).toBe("russia");
  });
});

describe("French article", () => {
  const a = analyzeArticle(fixture("fr-macron-zelensky"), catalog);

  it("splits after 'M.' and 'nov.' correctly and finds selon Le Monde, d'après l'AFP", () => {
    expect(a.sentences).toHaveLength(5);
    expect(a.sentences[0]).toBe("M. Macron a reçu le président ukrainien à l’Élysée le 20 nov. 2025, selon Le Monde.");
    expect(keys(a)).toEqual([
      "outlet:le-monde@0",
      "entity:emmanuel-macron@1",
      "speaker:marie claire fontanel@3",
      "outlet:afp@4",
    ]);
  });

  it("does not take the subject of a 'que' clause as the speaker", () => {
    expect(a.citations.some((c) => c.entitySlug === "european-union")).toBe(false);
  });

  it("finds surnames alone, roles and a hyphenated unknown name", () => {
    expect(a.mentions.filter((m) => m.entitySlug === "emmanuel-macron").map((m) => m.position)).toEqual([0, 1]);
    expect(a.mentions.find((m) => m.entitySlug === "volodymyr-zelensky")?.position).toBe(4);
    expect(roleOf(a, "friedrich-merz")).toBe("chancelier allemand");
    expect(a.mentions.find((m) => m.candidate)).toEqual(
      expect.objectContaining({ candidate: { name: "Marie-Claire Fontanel", kind: "person", confident: true }, role: "commissaire" }),
    );
  });

  it("matches tags against topic names in any case", () => {
    expect(a.topics.slice(0, 2)).toEqual(["europe", "ukraine"]);
  });

  it("summarises a short text with whole sentences", () => {
    expect(a.sentences).toContain(a.summary);
    expect(a.bullets.length).toBeLessThanOrEqual(3);
    for (const bullet of a.bullets) expect(a.sentences).toContain(bullet);
  });
});

describe("Ukrainian and German snippets", () => {
  it("finds 'як повідомляє РБК-Україна' and Ukrainian names", () => {
    const a = analyzeArticle(
      {
        title: "Умєров про переговори",
        body: "Секретар РНБО Рустем Умєров провів зустріч у Женеві, як повідомляє РБК-Україна. Зеленський заявив, що Україна готова до роботи.",
      },
      catalog,
    );
    expect(a.language).toBe("uk");
    // РБК-Україна is its own outlet, not the Russian RBC.
    expect(keys(a)).toEqual(["outlet:rbc-ukraine@0", "entity:volodymyr-zelensky@1"]);
    expect(roleOf(a, "rustem-umerov")).toBe("Секретар РНБО");
  });

  it("finds 'laut Reuters' and 'berichtet die FT' in German", () => {
    const a = analyzeArticle(
      {
        title: "Friedensplan",
        body: "Laut Reuters soll die Ukraine ihre Armee halbieren. Das berichtet auch die Financial Times. Außenminister Johann Wadephul sagte, Berlin sei nicht informiert worden.",
      },
      catalog,
    );
    expect(a.language).toBe("de");
    expect(keys(a)).toEqual(["outlet:reuters@0", "outlet:ft@1", "entity:johann-wadephul@2"]);
    expect(roleOf(a, "johann-wadephul")).toBe("Außenminister");
  });

  it("ignores an outlet named without attribution and a lower-case common word equal to a surname", () => {
    const a = analyzeArticle(
      { title: "Media", body: "The butler read Reuters Magazine history books all day long without a break.", language: "en" },
      catalog,
    );
    expect(a.citations).toEqual([]);
    expect(a.mentions.some((m) => m.entitySlug === "dave-butler")).toBe(false);
  });

  it("returns a mention or citation found twice in one sentence once", () => {
    const a = analyzeArticle(
      {
        title: "Putin",
        body: "Putin said, according to Reuters and to Reuters again, that Vladimir Putin and Путин agree. Putin slept.",
        language: "en",
      },
      catalog,
    );
    expect(a.mentions.filter((m) => m.entitySlug === "vladimir-putin").map((m) => m.position)).toEqual([0, 1]);
    expect(keys(a).filter((k) => k === "outlet:reuters@0")).toHaveLength(1);
    expect(keys(a).filter((k) => k === "entity:vladimir-putin@0")).toHaveLength(1);
  });
});

describe("summary of short texts", () => {
  it("gives a short text a whole-sentence lead under 600 characters and bullets within a third of it", () => {
    const long = `${"Le plan de paix prévoit des concessions importantes, ".repeat(14)}selon Politico.`;
    const body = `Le plan est prêt pour la signature à Genève. ${long} Kiev attend la réponse de Moscou.`;
    const a = analyzeArticle({ title: "Plan", body, language: "fr" }, catalog);
    expect(a.sentences).toHaveLength(3);
    expect(a.sentences).toContain(a.summary);
    expect(a.summary.length).toBeLessThan(600);
    expect(a.summary).not.toBe(a.sentences[1]);
    expect([a.summary, ...a.bullets].join("").length).toBeLessThanOrEqual(0.35 * body.length);
    expect(a.bullets).not.toContain(a.sentences[1]);
  });
});
