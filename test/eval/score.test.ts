import { describe, expect, it } from "vitest";
import type { Annotation } from "../../eval/corpus.js";
import { headline, publicationDate } from "../../eval/corpus.js";
import {
  aggregate,
  combine,
  formatValue,
  hasAllWords,
  junkIn,
  pairNames,
  renderTable,
  roleWords,
  rolesMatch,
  sameName,
  sameOutlet,
  sameSurname,
  scoreArticle,
  scoreGold,
  scoreWhoIs,
  whoIsTallies,
  wordsAlike,
  type BotReading,
} from "../../eval/score.js";

function annotation(overrides: Partial<Annotation> = {}): Annotation {
  return { id: "a1", language: "en", subject: "politics", topics: [], people: [], outlets: [], notCited: [], keyFacts: [], junk: [], ...overrides };
}

function reading(overrides: Partial<BotReading> = {}): BotReading {
  return { topics: [], lead: "", bullets: [], textLength: 1000, outlets: [], people: [], ...overrides };
}

describe("words", () => {
  it("finds words by their first five letters, ignoring case and accents", () => {
    expect(hasAllWords("Les ministres ont DÉMENTI l'explosion.", ["ministre", "démentie", "explosions"])).toBe(true);
    expect(hasAllWords("Министра иностранных дел", ["министр", "иностранные"])).toBe(true);
    expect(hasAllWords("The minister spoke.", ["minister", "resigned"])).toBe(false);
  });

  it("splits multi-word entries and needs every word", () => {
    expect(hasAllWords("dans la salle des machines", ["salle des machines"])).toBe(true);
    expect(hasAllWords("dans la salle", ["salle des machines"])).toBe(false);
  });

  it("asks nothing of an empty list", () => {
    expect(hasAllWords("anything", [])).toBe(true);
  });

  it("finds junk that stands apart in a summary item, whatever the case, accents and spacing", () => {
    expect(junkIn(["10  Février 2017. – Un incident"], "10 février 2017. –")).toBe(true);
    expect(junkIn(["Первое.", "Кшиштоф Пендерецкий\nСкончался композитор."], "Кшиштоф Пендерецкий")).toBe(true);
    expect(junkIn(["Ils ont parlé. Serena Williams sur le court"], "Serena Williams sur le court")).toBe(true);
    // The same words inside a sentence are not the caption.
    expect(junkIn(["Скончался Кшиштоф Пендерецкий — великий поляк."], "Кшиштоф Пендерецкий")).toBe(false);
    expect(junkIn(["Un incident"], "10 février")).toBe(false);
    expect(junkIn(["Un incident"], "  ")).toBe(false);
  });
});

describe("names", () => {
  it("matches equal names across scripts and spellings", () => {
    // Same surname and initial: the Russian spelling of a Ukrainian first name still meets.
    expect(sameName("Volodymyr Zelenskyy", "Владимир Зеленский")).toBe(true);
    expect(sameName("Зеленський", "Volodymyr Zelenskyy")).toBe(true);
    expect(sameName("Emmanuel Macron", "emmanuel MACRON")).toBe(true);
  });

  it("matches a surname, a shorter form or another word order", () => {
    expect(sameName("Lula", "Luiz Inácio Lula da Silva")).toBe(true);
    expect(sameName("Jean-Yves Le Drian", "Le Drian")).toBe(true);
    expect(sameName("Обама Барак", "Барак Обама")).toBe(true);
    expect(sameName("V. Putin", "Vladimir Putin")).toBe(true);
  });

  it("does not match two people of one family", () => {
    expect(sameName("Barack Obama", "Michelle Obama")).toBe(false);
    expect(sameName("", "Obama")).toBe(false);
  });

  it("matches on a surname alone only when neither name has a surer match", () => {
    expect(sameSurname("Captain Artiga", "Victor Artiga")).toBe(true);
    expect(sameSurname("Victor Artiga", "Victor Hugo")).toBe(false);
    expect(pairNames(["Victor Artiga", "Wangari Maathai"], ["Captain Artiga", "Dr Maathai", "Moi"])).toEqual([[0], [1]]);
    // Found Serena is surely Serena, so she does not stand for Venus too.
    expect(pairNames(["Serena Williams", "Venus Williams"], ["Serena Williams"])).toEqual([[0], []]);
    expect(pairNames(["Venus Williams"], ["Serena Williams"])).toEqual([[0]]);
    // A second, shorter entity of the same person is that person, not an extra one.
    expect(pairNames(["Wangari Maathai"], ["Dr Wangari Maathai", "Dr Maathai"])).toEqual([[0, 1]]);
  });

  it("matches inflected gold forms only with the loose word comparison", () => {
    expect(wordsAlike("obamy", "obama")).toBe(true);
    expect(wordsAlike("anna", "anton")).toBe(false);
    expect(sameName("Барака Обамы", "Барак Обама")).toBe(false);
    expect(sameName("Барака Обамы", "Барак Обама", wordsAlike)).toBe(true);
  });

  it("matches outlets by normalised name or containment, word by word", () => {
    expect(sameOutlet("Лента.ру", ["Lenta.ru"])).toBe(true);
    expect(sameOutlet("Reuters", ["Reuters news agency"])).toBe(true);
    expect(sameOutlet("France Bleu Normandie", ["France Bleu"])).toBe(true);
    expect(sameOutlet("France Info", ["France Bleu"])).toBe(false);
    expect(sameOutlet("AP", ["Capital"])).toBe(false);
  });
});

describe("roles", () => {
  it("keeps content words of three letters or more", () => {
    expect(roleWords("ministre de la Défense", "fr")).toEqual(["ministre", "defense"]);
    expect(roleWords("мер Луцька", "uk")).toEqual(["мер", "луцька"]);
    expect(roleWords("MP", "en")).toEqual(["mp"]);
  });

  it("matches when half the content words of one share a 5-letter prefix with the other", () => {
    expect(rolesMatch("президент", "президента США", "ru")).toBe(true);
    expect(rolesMatch("préfet de la Manche", "préfet", "fr")).toBe(true);
    // "or the reverse": every content word of the found role is in the annotated one.
    expect(rolesMatch("professeur de technologie nucléaire", "professeur", "fr")).toBe(true);
    expect(rolesMatch("professeur de technologie nucléaire", "directeur de la centrale", "fr")).toBe(false);
    expect(rolesMatch("professeur de technologie nucléaire", "professeur de chimie nucléaire", "fr")).toBe(true);
    expect(rolesMatch("член", "членом комиссии", "ru")).toBe(true);
    expect(rolesMatch("мер Луцька", "мер", "uk")).toBe(true);
    expect(rolesMatch("mayor", "governor", "en")).toBe(false);
  });
});

describe("scoreArticle", () => {
  const annotated = annotation({
    subject: "politics",
    people: [
      { name: "Jacques Witkowski", role: "préfet de la Manche" },
      { name: "Stéphane Brasseur", role: null },
      { name: "Neil Hyatt", role: "professeur" },
    ],
    outlets: [
      { name: "Ouest-France", claim: ["incident", "salle des machines"] },
      { name: "LCI", claim: ["bilan", "blessés"] },
    ],
    notCited: ["BFMTV"],
    keyFacts: [["incident", "Flamanville"], ["ventilateur"]],
    junk: ["10 février 2017. –"],
  });
  const bot = reading({
    topics: ["politics", "economy"],
    lead: "Un incident s'est produit à Flamanville.",
    bullets: ["10 février 2017. – Ce jeudi…", "b", "c", "d"],
    textLength: 200,
    outlets: [
      { slug: "ouest-france", name: "Ouest-France", aliases: [], claims: ["L'incident a eu lieu dans la salle des machines, selon Ouest-France."] },
      { slug: "lci", name: "LCI", aliases: [], claims: ["Selon LCI, rien."] },
      { slug: "bfm", name: "BFM TV", aliases: ["BFMTV"], claims: ["x"] },
    ],
    people: [
      { name: "Jacques Witkowski", roles: ["préfet"] },
      { name: "Neil Hyatt", roles: [] },
      { name: "Manche", roles: [] },
    ],
  });
  const result = scoreArticle(annotated, bot);

  it("scores topics, outlets and claims", () => {
    expect(result.tallies.hasTopic).toEqual({ hits: 1, total: 1 });
    expect(result.tallies.subject).toEqual({ hits: 1, total: 1 });
    expect(result.tallies.outletsFound).toEqual({ hits: 2, total: 2 });
    expect(result.tallies.outletClaims).toEqual({ hits: 1, total: 2 });
    expect(result.tallies.outletsExtra).toEqual({ hits: 1, total: 1 });
    expect(result.extraOutlets).toEqual([{ name: "BFM TV", notCited: true }]);
  });

  it("scores people and roles of found people only", () => {
    expect(result.tallies.personPrecision).toEqual({ hits: 2, total: 3 });
    expect(result.tallies.personRecall).toEqual({ hits: 2, total: 3 });
    // Witkowski's role is right; Hyatt was found without a role; Brasseur has no annotated role.
    expect(result.tallies.roles).toEqual({ hits: 1, total: 2 });
    expect(result.extraPeople.map((p) => p.name)).toEqual(["Manche"]);
  });

  it("scores the summary's length, bullets, key facts and junk", () => {
    const length = bot.lead.length + bot.bullets.join("").length;
    expect(result.summaryRatio).toBeCloseTo(length / 200);
    expect(result.tallies.bullets).toEqual({ hits: 0, total: 1 });
    expect(result.tallies.keyFacts).toEqual({ hits: 1, total: 2 });
    expect(result.tallies.junk).toEqual({ hits: 1, total: 1 });
  });

  it("leaves the subject out when the annotation has none, and counts an article without topics", () => {
    const bare = scoreArticle(annotation({ subject: null }), reading());
    expect(bare.tallies.subject).toBeUndefined();
    expect(bare.tallies.hasTopic).toEqual({ hits: 0, total: 1 });
    expect(bare.tallies.personPrecision).toEqual({ hits: 0, total: 0 });
  });
});

describe("who-is", () => {
  it("needs a card of the person, and a card role for the role", () => {
    const person = { name: "Jacques Witkowski", role: "préfet de la Manche" };
    const fr = { language: "fr" };
    const right = scoreWhoIs(person, { kind: "card", name: "Jacques Witkowski", roles: ["préfet de la Manche"] }, fr);
    expect(right).toEqual({ rightPerson: true, rightRole: true });
    expect(whoIsTallies(right)).toEqual({ whoIsPerson: { hits: 1, total: 1 }, whoIsRole: { hits: 1, total: 1 } });
    expect(scoreWhoIs(person, { kind: "card", name: "Jacques Lepetit", roles: ["préfet"] }, fr)).toEqual({ rightPerson: false, rightRole: false });
    expect(scoreWhoIs(person, { kind: "choices", names: ["Jacques Witkowski"] }, fr).rightPerson).toBe(false);
    expect(scoreWhoIs({ name: "Jacques Witkowski", role: null }, { kind: "unknown" }).rightRole).toBeNull();
    // A card of another annotated person with the same surname is not this person.
    const venus = { name: "Venus Williams", role: null };
    expect(scoreWhoIs(venus, { kind: "card", name: "Serena Williams", roles: [] }, { others: ["Serena Williams"] }).rightPerson).toBe(false);
    expect(scoreWhoIs(venus, { kind: "card", name: "Miss Williams", roles: [] }, { others: ["Serena Williams"] }).rightPerson).toBe(true);
    expect(whoIsTallies({ rightPerson: false, rightRole: null })).toEqual({ whoIsPerson: { hits: 0, total: 1 } });
  });
});

describe("gold-only scoring", () => {
  it("scores recall, precision and roles on surface forms", () => {
    const gold = [
      { forms: ["Барака Обамы", "Обама"], roles: ["президента"] },
      { forms: ["Малия"], roles: [] },
    ];
    const found = [
      { name: "Барак Обама", roles: ["президент"] },
      { name: "Гарвард", roles: [] },
    ];
    expect(scoreGold(gold, found, { complete: true, language: "ru" })).toEqual({
      recall: { hits: 1, total: 2 },
      precision: { hits: 1, total: 2 },
      roles: { hits: 1, total: 1 },
    });
    expect(scoreGold(gold, found, { complete: false }).precision).toBeUndefined();
  });
});

describe("aggregation and the table", () => {
  it("combines shares, means, maxima and counts", () => {
    expect(combine("share", [{ hits: 1, total: 2 }, { hits: 3, total: 4 }])).toBeCloseTo(4 / 6);
    expect(combine("mean", [{ hits: 0.2, total: 1 }, { hits: 0.4, total: 1 }])).toBeCloseTo(0.3);
    expect(combine("max", [{ hits: 0.2, total: 1 }, { hits: 0.4, total: 1 }])).toBeCloseTo(0.4);
    expect(combine("count", [{ hits: 2, total: 1 }, { hits: 1, total: 1 }])).toBe(3);
    expect(combine("share", [{ hits: 0, total: 0 }])).toBeUndefined();
    expect(combine("share", [])).toBeUndefined();
  });

  it("aggregates per language and judges per-language targets in every language", () => {
    const rows = aggregate(
      [
        { language: "en", tallies: { roles: { hits: 9, total: 10 }, junk: { hits: 1, total: 1 } } },
        { language: "fr", tallies: { roles: { hits: 1, total: 2 } } },
      ],
      ["en", "fr", "ru"],
    );
    const roles = rows.find((r) => r.measure.id === "roles")!;
    expect(roles.all).toBeCloseTo(10 / 12);
    expect(roles.byLanguage).toEqual({ en: 0.9, fr: 0.5, ru: undefined });
    expect(roles.met).toBe(false);
    const junk = rows.find((r) => r.measure.id === "junk")!;
    expect([junk.all, junk.byLanguage.fr, junk.met]).toEqual([1, undefined, false]);
    expect(rows.find((r) => r.measure.id === "subject")!.met).toBeUndefined();
  });

  it("formats values and renders one aligned row per measure", () => {
    expect(formatValue("share", 0.934)).toBe("93 %");
    expect(formatValue("count", 2)).toBe("2");
    expect(formatValue("share", undefined)).toBe("–");
    const table = renderTable(aggregate([{ language: "en", tallies: { hasTopic: { hits: 1, total: 1 } } }], ["en"]), ["en"]);
    const lines = table.split("\n");
    expect(lines[0]).toMatch(/^measure\s+all\s+en\s+target$/);
    expect(lines).toHaveLength(2 + 16);
    expect(lines[2]).toMatch(/^1\. articles with ≥ 1 topic\s+100 %\s+100 %\s+100 %\s+✓$/);
  });
});

describe("corpus helpers", () => {
  it("publishes under the corpus date or year, and the title or first line", () => {
    expect(publicationDate("2016-02-16")?.toISOString()).toBe("2016-02-16T12:00:00.000Z");
    expect(publicationDate("2012")?.toISOString()).toBe("2012-01-01T12:00:00.000Z");
    expect(publicationDate(null)).toBeUndefined();
    expect(publicationDate("Feb 2016")).toBeUndefined();
    expect(headline({ title: null, text: "\nFirst line\nSecond" })).toBe("First line");
    expect(headline({ title: " T ", text: "x" })).toBe("T");
  });
});
