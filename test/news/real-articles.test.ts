/**
 * Patterns of real articles in English, French, Russian and Ukrainian, on short sentences of our
 * own: outlets outside and inside the catalog, what is not a claim, who is not a person, roles in
 * the forms news writes them, summaries without captions, a subject for every article.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { analyzeArticle, type ArticleAnalysis, type LanguageTools } from "../../src/news/analyze.js";
import { loadRussianMorphology } from "../../src/text/morph-ru.js";
import { catalog } from "./helpers.js";

let tools: LanguageTools = {};
beforeAll(async () => {
  tools = { ru: await loadRussianMorphology() };
});

const analyze = (body: string, language: string, title = "") => analyzeArticle({ title, body, language }, catalog, tools);
const outlets = (a: ArticleAnalysis) => a.citations.filter((c) => c.outletSlug || c.newOutlet).map((c) => c.outletSlug ?? `new:${c.newOutlet?.name}`);
const people = (a: ArticleAnalysis) =>
  a.mentions
    .filter((m) => m.candidate?.kind === "person" || catalog.entities.find((e) => e.slug === m.entitySlug)?.kind === "person")
    .map((m) => m.candidate?.name ?? m.entitySlug);
const roleOf = (a: ArticleAnalysis, name: string) => a.mentions.find((m) => (m.candidate?.name ?? m.entitySlug) === name && m.role)?.role;

describe("outlets an article cites", () => {
  it("finds catalog outlets after attribution cues in each language", () => {
    expect(outlets(analyze("The minister resigned on Monday, according to the Daily Mail.", "en"))).toEqual(["daily-mail"]);
    expect(outlets(analyze("Les négociations reprendront vendredi, selon Le Monde.", "fr"))).toEqual(["le-monde"]);
    expect(outlets(analyze("Переговоры продолжатся в пятницу, сообщает ТАСС.", "ru"))).toEqual(["tass"]);
    expect(outlets(analyze("Про це пише Суспільне з посиланням на джерела.", "uk"))).toEqual(["suspilne"]);
  });

  it("finds an agency in a dateline", () => {
    expect(outlets(analyze("KYIV (Reuters) - Ukraine said on Monday it had shot down 40 drones overnight.", "en"))).toEqual(["reuters"]);
  });

  it("stores an outlet the catalog does not know when a media noun names it", () => {
    expect(outlets(analyze("Le rachat a été confirmé mardi, écrit le quotidien El Punt Avui.", "fr"))).toEqual(["new:El Punt Avui"]);
    expect(outlets(analyze("Издания Tolo и Pajhwok сообщают о жертвах среди мирных жителей.", "ru"))).toEqual(["new:Tolo", "new:Pajhwok"]);
  });

  it("stores an outlet named as the subject of its own reporting, or by its web address", () => {
    expect(outlets(analyze("Consequently, Het Parool reports, the minister withdrew his proposal.", "en"))).toEqual(["new:Het Parool"]);
    expect(outlets(analyze("Про це на брифінгу повідомив речник, передає zaxid.net.", "uk"))).toEqual(["new:zaxid.net"]);
    // A lone capitalised word before "reported" is more often a surname than an outlet.
    expect(outlets(analyze("Ford reported the findings to the committee.", "en"))).toEqual([]);
  });

  it("does not take an outlet someone writes for as a source", () => {
    expect(outlets(analyze("Также он пишет статьи для New York Times и Forbes.", "ru"))).toEqual([]);
  });

  it("does not take a sentence that only mentions an outlet for its claim", () => {
    const a = analyze("Le Nikkei, qui est également propriétaire du Financial Times, a confirmé l'accord avec Nissan.", "fr");
    expect(outlets(a)).not.toContain("ft");
  });

  it("keeps РБК-Україна apart from the Russian RBC", () => {
    expect(outlets(analyze("Зеленський провів зустріч у Женеві, як повідомляє РБК-Україна.", "uk"))).toEqual(["rbc-ukraine"]);
  });

  it("reads no claim in a photo credit line", () => {
    const a = analyze("Photo: Getty Images\n\nThe storm closed the port of Brest on Monday, officials said.", "en");
    expect(outlets(a)).toEqual([]);
    expect(people(a)).toEqual([]);
  });
});

describe("who is a person", () => {
  it("never takes groups, places or outlets for people", () => {
    expect(people(analyze("Tory MPs criticised the plan in the Commons on Tuesday.", "en"))).toEqual([]);
    expect(people(analyze("Une tempête de neige a frappé la Nouvelle-Angleterre et le Nord-Est samedi.", "fr"))).toEqual([]);
    expect(people(analyze("Flights resumed at New York City airports on Sunday.", "en"))).toEqual([]);
  });

  it("gives the nominative of an inflected Russian name and the role before it", () => {
    const a = analyze("Премьер-министр Греции Кириакос Мицотакис заявил, что переговоры продолжатся.", "ru");
    expect(people(a)).toEqual(["Кириакос Мицотакис"]);
    expect(roleOf(a, "Кириакос Мицотакис")).toBe("Премьер-министр Греции");
    const genitive = analyze("Журналисты встретились с помощником Сергея Шойгу в Москве.", "ru");
    expect(people(genitive)).toEqual(["Сергей Шойгу"]);
  });

  it("gives the nominative of an inflected Ukrainian name", () => {
    expect(people(analyze("Депутати підтримали кандидатуру Володимира Бондаря на посаду мера.", "uk"))).toEqual(["Володимир Бондар"]);
  });
});

describe("roles in the forms news writes them", () => {
  it("reads a role set off by commas: le maire, Eric Adams,", () => {
    const a = analyze("La ville, dont le maire, Eric Adams, a salué la décision, prépare la suite.", "fr");
    expect(roleOf(a, "Eric Adams")).toBe("maire");
  });

  it("never takes a verb phrase for a role", () => {
    const a = analyze("The Chinese president welcomed Steve Witkoff in Beijing on Thursday.", "en");
    expect(roleOf(a, "steve-witkoff")).toBeUndefined();
  });

  it("reads business and sport roles in each language", () => {
    expect(roleOf(analyze("Nissan chief executive Makoto Uchida announced 9,000 job cuts.", "en"), "Makoto Uchida")).toBe("Nissan chief executive");
    expect(roleOf(analyze("Liverpool goalkeeper Alisson Becker saved a penalty in the last minute.", "en"), "Alisson Becker")).toBe("Liverpool goalkeeper");
    expect(roleOf(analyze("Le PDG de Renault, Luca de Meo, a annoncé un nouveau modèle.", "fr"), "Luca de Meo")).toBe("PDG de Renault");
    expect(roleOf(analyze("L’entraîneur du PSG Luis Enrique a salué ses joueurs après le match.", "fr"), "Luis Enrique")).toBe("entraîneur du PSG");
    expect(roleOf(analyze("Главный тренер сборной Валерий Карпин назвал состав на матч.", "ru"), "Валерий Карпин")).toBe("Главный тренер сборной");
    expect(roleOf(analyze("Головний тренер збірної України Сергій Ребров назвав склад команди.", "uk"), "Сергій Ребров")).toBe("Головний тренер збірної України");
  });

  it("reads a role after the name: Eric Adams, the mayor of New York,", () => {
    const a = analyze("Eric Adams, the mayor of New York, said the city would reopen schools.", "en");
    expect(roleOf(a, "Eric Adams")).toBe("mayor of New York");
  });
});

describe("summaries of real articles", () => {
  it("never picks a photo caption or a credit, and stays within a third of the text", () => {
    const body = [
      "Un homme marche dans une rue enneigée de Boston samedi matin",
      "Photo: AP/Michael Dwyer",
      "Une tempête de neige historique a paralysé samedi le nord-est des États-Unis, privant d'électricité plus de 100 000 foyers.",
      "Les autorités ont fermé les écoles et les aéroports de Boston et de New York jusqu'à lundi.",
      "Les météorologues prévoient jusqu'à 60 centimètres de neige dans certaines régions côtières.",
      "Le gouverneur du Massachusetts a demandé aux habitants de rester chez eux pendant le week-end.",
      "Les équipes de déneigement travaillent sans relâche depuis vendredi soir dans toute la région.",
    ].join("\n\n");
    const a = analyze(body, "fr", "Tempête de neige sur le nord-est des États-Unis");
    const summary = [a.summary, ...a.bullets];
    expect(summary.join(" ")).not.toMatch(/marche dans une rue|AP\/Michael Dwyer/);
    expect(a.summary).toMatch(/tempête de neige historique/);
    expect(a.bullets.length).toBeLessThanOrEqual(3);
    expect(summary.join("").length).toBeLessThanOrEqual(0.35 * body.length);
  });
});

describe("a subject for every article", () => {
  it("finds sport, economy, culture and technology from stemmed keywords in each language", () => {
    expect(analyze("Le club a remporté le match 2-1 grâce à un but à la dernière minute de son attaquant.", "fr").topics).toContain("sport");
    expect(analyze("Футболисты «Спартака» обыграли соперника в матче чемпионата, забив два гола.", "ru").topics).toContain("sport");
    expect(analyze("The carmaker reported a 20% fall in quarterly profit as sales slumped and shares dropped.", "en").topics).toContain("economy");
    expect(analyze("Фільм режисера отримав головну премію кінофестивалю, актори подякували глядачам.", "uk").topics).toContain("culture");
    expect(analyze("The startup released a new artificial intelligence model for smartphones and software developers.", "en").topics).toContain("science-technology");
  });

  it("gives an article with no known word a subject all the same", () => {
    expect(analyze("Zorblat quenvik dramoli.", "en").topics.length).toBeGreaterThan(0);
  });
});
