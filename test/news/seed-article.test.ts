import { describe, expect, it } from "vitest";
import { analyzeArticle } from "../../src/news/analyze.js";
import { catalog, seedArticle } from "./helpers.js";

const analysis = analyzeArticle(seedArticle(), catalog);
const sentenceWith = (needle: string) => analysis.sentences.findIndex((s) => s.includes(needle));

describe("seed article: language and summary", () => {
  it("detects French and splits the body into its 15 sentences", () => {
    expect(analysis.language).toBe("fr");
    expect(analysis.sentences).toHaveLength(15);
    expect(analysis.sentences[11]).toMatch(/^Selon ses informations, L’envoyé spécial/);
  });

  it("has a one-sentence lead under 600 characters and at most 3 whole sentences as bullets, in text order, within a third of the text", () => {
    expect(analysis.summary.length).toBeLessThan(600);
    expect(analysis.sentences).toContain(analysis.summary);
    expect(analysis.bullets.length).toBeGreaterThanOrEqual(1);
    expect(analysis.bullets.length).toBeLessThanOrEqual(3);
    expect([analysis.summary, ...analysis.bullets].join("").length).toBeLessThanOrEqual(0.35 * seedArticle().body.length);
    const positions = analysis.bullets.map((b) => analysis.sentences.indexOf(b));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(analysis.bullets).not.toContain(analysis.summary);
  });

  const summaryText = [analysis.summary, ...analysis.bullets].join(" ");

  // A third of the article leaves room for four sentences; the core facts not among them are what
  // the article attributes to outlets, so the Sources card shows them with their outlet.
  const claims = analysis.citations.filter((c) => c.outletSlug).map((c) => c.claim).join(" ");
  const readerSees = `${summaryText} ${claims}`;

  it("carries the core in the summary: the US plan, Witkoff and Dmitriev, Russia", () => {
    expect(summaryText).toMatch(/plan des États-Unis|plan de paix/);
    expect(summaryText).toMatch(/Russie/);
    expect(summaryText).toMatch(/Witkoff/);
    expect(summaryText).toMatch(/Dmitriev/);
  });

  it("carries the rest of the core in the summary or the Sources card: 28 points, territory, NATO, army halved, not informed", () => {
    expect(readerSees).toMatch(/plan de paix à 28 points/);
    expect(readerSees).toMatch(/territoires/);
    expect(readerSees).toMatch(/OTAN/);
    expect(readerSees).toMatch(/réduire de moitié le nombre de forces armées/);
    expect(readerSees).toMatch(/pas au courant|pas été informés/);
  });

  it("carries Europe's alarm", () => {
    expect(summaryText).toMatch(/alarmé les alliés européens|inquiétude des responsables européens/);
  });
});

describe("seed article: cited sources", () => {
  const outlets = analysis.citations.filter((c) => c.outletSlug);

  it("finds exactly Politico, RBC, WSJ, Reuters, Financial Times and Axios", () => {
    expect(new Set(outlets.map((c) => c.outletSlug))).toEqual(new Set(["politico", "rbc", "wsj", "reuters", "ft", "axios"]));
  });

  it("attaches each outlet to its claim sentences", () => {
    const pairs = outlets.map((c) => `${c.outletSlug}@${c.position}`);
    expect(pairs).toEqual([
      `politico@${sentenceWith("a écrit Politico (déclaration")}`,
      `rbc@${sentenceWith("déclaration de RBC")}`,
      `wsj@${sentenceWith("Le journal WSJ a écrit")}`,
      `politico@${sentenceWith("La source Politico")}`,
      `reuters@${sentenceWith("Reuters et Financial Times")}`,
      `ft@${sentenceWith("Reuters et Financial Times")}`,
      `politico@${sentenceWith("Selon Politico")}`,
      `axios@${sentenceWith("rapporté par Axios")}`,
      `rbc@${sentenceWith("(informations RBC)")}`,
      `politico@${sentenceWith("La coordination possible")}`,
    ]);
    for (const c of outlets) {
      expect(c.sourceKey).toBe(`outlet:${c.outletSlug}`);
      expect(c.claim).toBe(analysis.sentences[c.position]);
    }
    expect(outlets.find((c) => c.outletSlug === "reuters")?.claim).toMatch(/réduire de moitié/);
  });

  it("records quoted speakers: the minister, the Kremlin, Putin and the colonel", () => {
    const speakers = analysis.citations.filter((c) => c.entitySlug).map((c) => `${c.entitySlug}@${c.position}`);
    expect(speakers).toEqual(
      expect.arrayContaining([
        `johann-wadephul@${sentenceWith("Nous n’avons pas été informés")}`,
        `kremlin@${sentenceWith("a souligné le Kremlin")}`,
        `vladimir-putin@${sentenceWith("Vladimir Poutine dit")}`,
        `dave-butler@${sentenceWith("a déclaré le colonel Dave Butler")}`,
      ]),
    );
    const wadephul = analysis.citations.find((c) => c.sourceKey === "entity:johann-wadephul");
    expect(wadephul?.claim).toMatch(/^« Nous n’avons pas été informés/);
  });

  it("returns each (sourceKey, position) once", () => {
    const keys = analysis.citations.map((c) => `${c.sourceKey}|${c.position}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("seed article: entities and roles", () => {
  const role = (slug: string) => analysis.mentions.find((m) => m.entitySlug === slug && m.role)?.role;

  it("finds all seven people", () => {
    const people = new Set(analysis.mentions.map((m) => m.entitySlug));
    for (const p of [
      "steve-witkoff", "kirill-dmitriev", "vladimir-putin", "johann-wadephul", "daniel-driscoll", "volodymyr-zelensky", "dave-butler",
    ]) {
      expect(people, p).toContain(p);
    }
  });

  it("reads the roles from the appositions", () => {
    expect(role("steve-witkoff")).toBe("envoyé spécial du président des États-Unis");
    expect(role("johann-wadephul")).toBe("ministre allemand des Affaires étrangères");
    expect(role("daniel-driscoll")).toBe("secrétaire de l’armée américaine");
    expect(role("dave-butler")).toBe("colonel, représentant du comité des chefs d’état-major des forces armées américaines");
    expect(role("kirill-dmitriev")).toBe(
      "représentant spécial du président de la Russie pour l’investissement et la coopération économique avec les pays étrangers",
    );
    expect(role("volodymyr-zelensky")).toBe("président");
    expect(role("vladimir-putin")).toBeUndefined();
  });

  it("matches spellings from the catalog: Wadepul, Poutine, Kiev, Moscou, OTAN", () => {
    const at = (slug: string) => analysis.mentions.filter((m) => m.entitySlug === slug).map((m) => m.position);
    expect(at("johann-wadephul")).toEqual([sentenceWith("Johann Wadepul")]);
    expect(at("vladimir-putin")).toEqual([sentenceWith("Vladimir Poutine")]);
    expect(at("kyiv")).toContain(sentenceWith("Kiev devra"));
    expect(at("moscow")).toContain(sentenceWith("Moscou affirme"));
    expect(at("nato")).toContain(sentenceWith("d’adhérer à l’OTAN"));
    expect(at("joint-chiefs-of-staff")).toEqual([sentenceWith("comité des chefs")]);
  });

  it("proposes no candidates: everyone in the seed is in the catalog, outlets are not people", () => {
    expect(analysis.mentions.filter((m) => m.candidate)).toEqual([]);
  });

  it("returns each (entity, sentence) once with the sentence text", () => {
    const keys = analysis.mentions.map((m) => `${m.entitySlug}|${m.position}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const m of analysis.mentions) expect(m.sentence).toBe(analysis.sentences[m.position]);
  });
});

describe("seed article: topics", () => {
  it("puts the tagged topics first and adds topics from entities and keywords", () => {
    expect(analysis.topics.slice(0, 3)).toEqual(["usa", "russia", "ukraine"]);
    expect(analysis.topics).toEqual(expect.arrayContaining(["diplomacy", "europe", "nato"]));
  });
});
