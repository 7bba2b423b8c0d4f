import { describe, expect, it } from "vitest";
import { normalizeName } from "../../src/text/normalize.js";
import { detectLanguage } from "../../src/text/language.js";

describe("normalizeName", () => {
  it("lower-cases, strips accents and punctuation", () => {
    expect(normalizeName("  États-Unis,  l’Ukraine! ")).toBe("etats unis l ukraine");
  });

  it("makes Latin and Cyrillic spellings of the same name converge", () => {
    const same = (xs: string[]) => expect(new Set(xs.map(normalizeName)).size).toBe(1);
    same(["Dmitriev", "Dmitriyev", "Дмитриев", "Дмитрієв"]);
    same(["Zelensky", "Zelenskyy", "Zelenskiy", "Зеленский", "Зеленський"]);
    same(["Witkoff", "Уиткофф", "Виткофф", "Віткофф"]);
    same(["Wadephul", "Вадефуль"]);
    same(["Andriy Yermak", "Андрій Єрмак"]);
    expect(normalizeName("Дмитриев")).toBe("dmitriev");
  });

  it("keeps different names apart", () => {
    expect(normalizeName("Lavrov")).not.toBe(normalizeName("Peskov"));
  });
});

describe("detectLanguage", () => {
  it.each([
    ["fr", "Les détails du plan des États-Unis ont alarmé les alliés européens, a écrit Politico."],
    ["en", "The details of the US plan alarmed European allies, Politico wrote on Thursday."],
    ["ru", "Кремль заявил, что план обсуждается, сообщает РБК."],
    ["uk", "Кремль заявив, що план обговорюється, як повідомляє РБК-Україна."],
    ["de", "Die Einzelheiten des Plans haben die europäischen Verbündeten alarmiert, schreibt Politico."],
  ])("detects %s", (lang, text) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it("returns und for text without letters", () => {
    expect(detectLanguage("12 345 — 2025")).toBe("und");
  });
});
