/**
 * The clustering's pure parts: name keys across scripts, near-copy fingerprints, the comparison,
 * the choice of story (deterministic, windowed), figure disagreements and the story summary.
 */
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { figureDisagreements } from "../../src/stories/disagreements.js";
import { figuresOf, hammingDistance, nameKeys, simhash, storyFeatures } from "../../src/stories/features.js";
import { selectiveKeys } from "../../src/db/repositories/stories.js";
import { chooseStory, compare, SIMILARITY, weigh, type Candidate } from "../../src/stories/similarity.js";
import { splitSentences } from "../../src/text/sentences.js";
import { tokenize } from "../../src/text/tokens.js";

interface DevSet {
  events: { id: string; articles: { id: string; language: string; body: string; wireCopyOf?: string | null }[] }[];
}
import { storySummary } from "../../src/stories/story-summary.js";

const noCounts = { total: 0, of: () => 0 };

describe("story features", () => {
  it("gives one name one key in Latin and Cyrillic, declined or not, and different names different keys", () => {
    expect(nameKeys("Élodie Lavigne", "person")).toEqual(nameKeys("Элоди Лавинь", "person"));
    expect(nameKeys("Lysenko", "person")).toEqual(nameKeys("Лысенко", "person"));
    expect(nameKeys("Lysenko", "person")).toEqual(nameKeys("Лисенко", "person"));
    expect(nameKeys("Emmanuel Macron", "person")).toEqual(nameKeys("Макрона", "person"));
    expect(nameKeys("Hnatyshyn", "person")).toEqual(nameKeys("Гнатышин", "person"));
    expect(nameKeys("Petrov", "person")).not.toEqual(nameKeys("Pavlov", "person"));
    expect(nameKeys("Tkachuk", "person")).not.toEqual(nameKeys("Tokarev", "person"));
  });

  it("keeps distinctive figures, not years or small counts", () => {
    expect(figuresOf("In 2026, 12 000 people and 13,5 tonnes; 7 trucks and 240 workers")).toEqual(["12000", "13.5", "240"]);
  });

  it("fingerprints each wire copy of the development set nearer its original than any article of another event", async () => {
    let flagged = 0;
    let copies = 0;
    for (const file of ["set-a.json", "set-b.json"]) {
      const set = JSON.parse(await readFile(new URL(`../../eval/stories/${file}`, import.meta.url), "utf8")) as DevSet;
      const articles = set.events.flatMap((e) => e.articles.map((a) => ({ ...a, event: e.id })));
      const hash = new Map(articles.map((a) => [a.id, simhash(tokenize(splitSentences(a.body, a.language).join(" ")).map((t) => t.fold))]));
      for (const copy of articles.filter((a) => a.wireCopyOf)) {
        copies++;
        const toOriginal = hammingDistance(hash.get(copy.id)!, hash.get(copy.wireCopyOf!)!);
        const others = articles.filter((a) => a.event !== copy.event && a.language === copy.language);
        for (const other of others) expect(hammingDistance(hash.get(copy.id)!, hash.get(other.id)!), `${copy.id} ${other.id}`).toBeGreaterThan(toOriginal);
        if (toOriginal <= SIMILARITY.nearCopyBits) flagged++;
      }
    }
    // Light edits are near copies by the fingerprint alone; heavier ones join by their content.
    expect(copies).toBeGreaterThanOrEqual(4);
    expect(flagged).toBeGreaterThanOrEqual(2);
  });
});

describe("choosing a story", () => {
  const fire = storyFeatures({
    title: "Fire at a paint factory: 240 workers evacuated",
    sentences: ["A fire broke out at the Valcolor paint factory in Vénissieux on Monday night.", "Firefighters evacuated 240 workers; the prefect Martine Rousselle said no one was hurt."],
    language: "en",
    names: [{ name: "Valcolor", kind: "organization" }, { name: "Vénissieux", kind: "place" }, { name: "Martine Rousselle", kind: "person" }],
    topics: [],
  });
  const incendie = storyFeatures({
    title: "Incendie dans une usine de peinture : 240 salariés évacués",
    sentences: ["Un incendie s'est déclaré lundi soir dans l'usine Valcolor de Vénissieux.", "Les pompiers ont évacué 240 salariés, selon la préfète Martine Rousselle."],
    language: "fr",
    names: [{ name: "Valcolor", kind: "organization" }, { name: "Vénissieux", kind: "place" }, { name: "Martine Rousselle", kind: "person" }],
    topics: [],
  });
  const budget = storyFeatures({
    title: "The council adopts its budget",
    sentences: ["The city council adopted next year's budget on Tuesday after a long debate.", "Taxes stay the same, the treasurer said."],
    language: "en",
    names: [{ name: "Lyon", kind: "place" }],
    topics: [],
  });
  const at = (hours: number) => new Date(Date.UTC(2026, 2, 2, 8) + hours * 3_600_000);
  const candidate = (articleId: number, storyId: number, features: ReturnType<typeof storyFeatures>, hours: number): Candidate => ({
    articleId,
    storyId,
    publishedAt: at(hours),
    features: weigh(features, noCounts),
  });

  it("joins the French report of the English one and keeps an unrelated article apart, saying what matched", () => {
    const comparison = compare(weigh(incendie, noCounts), weigh(fire, noCounts), 3);
    expect(comparison.shared.names.length).toBeGreaterThanOrEqual(2);
    expect(comparison.shared.figures).toContain("240");
    expect(comparison.shared.concepts).toContain("fire");
    const choice = chooseStory(weigh(incendie, noCounts), at(3), [candidate(1, 10, fire, 0), candidate(2, 11, budget, 1)]);
    expect(choice.storyId).toBe(10);
    expect(choice.best?.articleId).toBe(1);
    expect(chooseStory(weigh(budget, noCounts), at(3), [candidate(1, 10, fire, 0)]).storyId).toBeNull();
  });

  it("is the same whatever order the candidates come in, and ignores articles outside the 72 hours", () => {
    const candidates = [candidate(1, 10, fire, 0), candidate(3, 12, fire, 0), candidate(2, 11, budget, 1)];
    const forward = chooseStory(weigh(incendie, noCounts), at(3), candidates);
    const backward = chooseStory(weigh(incendie, noCounts), at(3), [...candidates].reverse());
    expect(backward).toEqual(forward);
    expect(forward.storyId).toBe(10); // equal scores: the older story
    expect(chooseStory(weigh(incendie, noCounts), at(80), [candidate(1, 10, fire, 0)]).storyId).toBeNull();
  });
});

describe("weights", () => {
  it("keeps a share of a mention positive (each word of a three-word organisation counts a third)", () => {
    const features = storyFeatures({ title: "t", sentences: [], language: "en", names: [{ name: "Joint Staff Command", kind: "organization" }, { name: "Kirill Dmitriev", kind: "person" }], topics: [] });
    const weights = Object.values(weigh(features, noCounts).names);
    expect(weights).toHaveLength(4);
    for (const weight of weights) expect(weight).toBeGreaterThan(0);
  });
});

describe("the candidate query's keys", () => {
  it("leaves out keys most of a large archive carries, and keeps the rarest ones when all are common", () => {
    const counts = { total: 100_000, of: (key: string) => (key.startsWith("n:common") ? 30_000 : 12) };
    expect(selectiveKeys(["n:common1", "n:rare1", "t:en:a", "t:en:b", "t:en:c", "h0:ab12"], counts)).toEqual(["n:rare1", "t:en:a", "t:en:b", "t:en:c", "h0:ab12"]);
    const allCommon = { total: 100_000, of: (key: string) => Number(key.slice(2)) };
    expect(selectiveKeys(["n:9000", "n:8000", "n:7000", "n:6000", "n:5000", "n:4000"], allCommon)).toEqual(["n:4000", "n:5000", "n:6000", "n:7000", "n:8000"]);
    // A small archive looks everything up.
    expect(selectiveKeys(["n:a", "n:b"], { total: 40, of: () => 30 })).toEqual(["n:a", "n:b"]);
  });
});

describe("figure disagreements", () => {
  it("finds outlets giving different figures for one thing, across languages, and nothing when they agree", () => {
    const found = figureDisagreements([
      { outlet: "Northern Wire", language: "en", text: "At least 12 dead after the storm, officials said." },
      { outlet: "Le Courrier", language: "fr", text: "La tempête a fait 15 morts selon la préfecture." },
      { outlet: "Вечерний курьер", language: "ru", text: "Погибли 12 человек." },
    ]);
    expect(found).toHaveLength(1);
    expect(found[0]!.figures).toEqual([
      { value: "12", outlets: ["Northern Wire"] },
      { value: "15", outlets: ["Le Courrier"] },
    ]);
    expect(
      figureDisagreements([
        { outlet: "A", language: "en", text: "12 dead in the storm." },
        { outlet: "B", language: "en", text: "The storm left 12 dead." },
      ]),
    ).toEqual([]);
    // One outlet updating its own toll is no disagreement.
    expect(figureDisagreements([{ outlet: "A", language: "en", text: "First 12 dead, then 15 dead." }])).toEqual([]);
  });
});

describe("story summary", () => {
  it("picks across articles, the reader's language first, and never says a sentence twice", () => {
    const picked = storySummary(
      [
        { language: "fr", sentences: ["Un incendie a ravagé l'usine Valcolor lundi soir."] },
        { language: "en", sentences: ["A fire swept through the Valcolor plant on Monday night.", "240 workers were evacuated."] },
        { language: "en", sentences: ["A fire swept through the Valcolor plant on Monday night, officials said.", "The prefect opened an inquiry."] },
      ],
      "en",
    );
    expect(picked).toEqual(["A fire swept through the Valcolor plant on Monday night.", "240 workers were evacuated.", "The prefect opened an inquiry."]);
  });
});
