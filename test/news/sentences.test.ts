import { describe, expect, it } from "vitest";
import { splitSentences } from "../../src/text/sentences.js";

describe("splitSentences", () => {
  it("keeps « … » quotes with their attribution and does not split inside them", () => {
    expect(splitSentences("« Nous partons. Nous revenons », a-t-il dit. La suite vient.", "fr")).toEqual([
      "« Nous partons. Nous revenons », a-t-il dit.",
      "La suite vient.",
    ]);
  });

  it("ends a sentence after a closing guillemet that follows ! or ?", () => {
    expect(splitSentences("Il a crié : « Assez ! » Puis il est parti.", "fr")).toEqual([
      "Il a crié : « Assez ! »",
      "Puis il est parti.",
    ]);
  });

  it("does not break after M., Dr., initials or month abbreviations", () => {
    expect(splitSentences("M. Macron a parlé le 20 nov. 2025 à Paris. Dr. Smith and J. R. Doe agreed. Fin.")).toEqual([
      "M. Macron a parlé le 20 nov. 2025 à Paris.",
      "Dr. Smith and J. R. Doe agreed.",
      "Fin.",
    ]);
  });

  it("keeps dates, decimals and URLs whole, and a URL may end a sentence", () => {
    expect(splitSentences("Le taux était de 3.5 % le 20.11.2025. Voir https://example.com/a.b. Le U.S. Army répond.")).toEqual([
      "Le taux était de 3.5 % le 20.11.2025.",
      "Voir https://example.com/a.b.",
      "Le U.S. Army répond.",
    ]);
  });

  it("handles Russian abbreviations and question/exclamation marks", () => {
    expect(splitSentences("В 2025 г. Путин заявил, т.е. сказал. Правда? Да!", "ru")).toEqual([
      "В 2025 г. Путин заявил, т.е. сказал.",
      "Правда?",
      "Да!",
    ]);
  });

  it("re-joins a sentence broken over paragraphs after a comma, otherwise splits at line breaks", () => {
    expect(splitSentences("Selon ses informations,\n\nL’envoyé est venu.\nUne autre ligne")).toEqual([
      "Selon ses informations, L’envoyé est venu.",
      "Une autre ligne",
    ]);
  });
});
