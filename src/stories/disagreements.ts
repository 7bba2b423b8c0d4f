/**
 * Where outlets give different figures for the same thing: "12 dead" in one report and "15 morts"
 * in another. A figure is paired with the word right after it (within two words); the word is
 * compared as a news concept when it names one (dead = morts = погибли), else as its stem in its
 * language. Two outlets that pair different figures with one subject disagree. Deliberately
 * narrow: it only speaks when the analysis can tell.
 */
import { conceptsOf } from "../text/concepts.js";
import { stem } from "../text/stem.js";
import { stopwordsFor, tokenize } from "../text/tokens.js";

export interface ReportedText {
  outlet: string;
  language: string;
  text: string;
}

export interface FigureDisagreement {
  /** The subject as one outlet wrote it ("dead", "morts"). */
  subject: string;
  /** Each figure given, with the outlets that gave it (at least two figures). */
  figures: { value: string; outlets: string[] }[];
}

const NUMBER = /^\d+(?:[.,]\d+)?$/;

/** Figure–subject pairs of one text: [subject key, figure, the subject as written]. */
function figuresWithSubjects(text: string, language: string): [string, string, string][] {
  const stop = stopwordsFor(language);
  const tokens = tokenize(text);
  const out: [string, string, string][] = [];
  for (let i = 0; i < tokens.length; i++) {
    let figure = tokens[i]!.text;
    if (!NUMBER.test(figure)) continue;
    // "12 000" and "1 200": thousands written apart are one figure.
    let j = i + 1;
    while (j < tokens.length && /^\d{3}$/.test(tokens[j]!.text) && text.slice(tokens[j - 1]!.end, tokens[j]!.start).trim() === "") figure += tokens[j++]!.text;
    const value = Number(figure.replace(",", "."));
    if (!Number.isFinite(value) || (value >= 1900 && value <= 2100 && !figure.includes(","))) continue;
    for (let k = j; k < Math.min(tokens.length, j + 2); k++) {
      const word = tokens[k]!;
      if (NUMBER.test(word.text) || stop.has(word.fold) || word.fold.length < 3) continue;
      const stemmed = stem(word.fold, language);
      const concept = conceptsOf(stemmed, language)[0];
      out.push([concept ? `c:${concept}` : `${language}:${stemmed}`, String(value), word.text]);
      break;
    }
    i = j - 1;
  }
  return out;
}

/** The subjects on which outlets give different figures, most disputed first. */
export function figureDisagreements(reports: readonly ReportedText[]): FigureDisagreement[] {
  const bySubject = new Map<string, { subject: string; figures: Map<string, Set<string>> }>();
  for (const report of reports) {
    for (const [key, value, written] of figuresWithSubjects(report.text, report.language)) {
      const entry = bySubject.get(key) ?? { subject: written, figures: new Map<string, Set<string>>() };
      const outlets = entry.figures.get(value) ?? new Set<string>();
      outlets.add(report.outlet);
      entry.figures.set(value, outlets);
      bySubject.set(key, entry);
    }
  }
  const out: FigureDisagreement[] = [];
  for (const { subject, figures } of bySubject.values()) {
    if (figures.size < 2) continue;
    const all = new Set([...figures.values()].flatMap((o) => [...o]));
    // One outlet giving two figures (a toll that rose within one report) is no disagreement.
    if (all.size < 2) continue;
    out.push({ subject, figures: [...figures].map(([value, outlets]) => ({ value, outlets: [...outlets].sort() })).sort((a, b) => Number(a.value) - Number(b.value)) });
  }
  return out.sort((a, b) => b.figures.length - a.figures.length || a.subject.localeCompare(b.subject));
}
