/**
 * The scoring maths of `npm run eval`: pure functions from an annotation and what the bot stored
 * (plain data, no database) to tallies, and from tallies to the table. Text comparisons ignore case
 * and accents; a word "appears" when a word of the text starts with its first 5 letters, which
 * stands in for stemming in four languages ("ministre", "ministres", "министра" all meet).
 */
import { foldCase, nameTokens } from "../src/text/normalize.js";
import { stopwordsFor } from "../src/text/tokens.js";
import type { Annotation } from "./corpus.js";

/** Letters of a word that must agree for two words to count as the same (a crude stem). */
export const PREFIX = 5;
/**
 * Role words shorter than this are not content words. Three, not four: the stop-word lists already
 * drop "of", "de", "для", and short role nouns carry the meaning ("мер Луцька" / "мер", "CEO", "МИД").
 */
export const ROLE_WORD_MIN = 3;

// ── Text ────────────────────────────────────────────────────────────────────────────────────────

/** The words of a text, lower case and without accents, script kept. */
export function foldWords(text: string): string[] {
  return foldCase(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** True when some word of `words` starts with the first {@link PREFIX} letters of `expected`. */
export function wordAppears(expected: string, words: readonly string[]): boolean {
  const stem = foldCase(expected).slice(0, PREFIX);
  return stem.length > 0 && words.some((w) => w.startsWith(stem));
}

/** True when every word of every entry of `expected` appears in `text` (nothing expected: true). */
export function hasAllWords(text: string, expected: readonly string[]): boolean {
  const words = foldWords(text);
  return expected.flatMap(foldWords).every((w) => wordAppears(w, words));
}

const squash = (s: string) => foldCase(s).replace(/[^\S\n]+/g, " ").replace(/ *\n */g, "\n").trim();

/**
 * True when `snippet` (a caption, a dateline, a credit line) is in one of the summary's items as a
 * piece of its own: touching the item's start or end or a line break (spaces aside), ignoring case,
 * accents and runs of spaces. So a caption "Кшиштоф Пендерецкий" glued before a sentence counts,
 * but the same name inside a sentence ("скончался Кшиштоф Пендерецкий — великий поляк") does not.
 */
export function junkIn(items: readonly string[], snippet: string): boolean {
  const needle = squash(snippet);
  if (!needle) return false;
  return items.some((item) => {
    const text = squash(item);
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      const before = text.slice(0, at);
      const after = text.slice(at + needle.length);
      if (/(^|\n) ?$/.test(before) || /^ ?(\n|$)/.test(after)) return true;
    }
    return false;
  });
}

// ── Names ───────────────────────────────────────────────────────────────────────────────────────

/** How two normalised words are compared: exactly, or {@link wordsAlike} for inflected gold forms. */
export type WordEquality = (a: string, b: string) => boolean;
const exactly: WordEquality = (a, b) => a === b;

/**
 * Loose word equality for surface forms of gold data ("Обамы" / "Обама"): a common prefix of all but
 * two letters of the shorter word, and at least 3.
 */
export function wordsAlike(a: string, b: string): boolean {
  if (a === b) return true;
  let common = 0;
  while (common < a.length && a[common] === b[common]) common++;
  return common >= Math.max(3, Math.min(a.length, b.length) - 2);
}

/**
 * Whether two names surely denote the same person, on normalised names ({@link nameTokens}: Latin
 * and Cyrillic spellings meet): every word of one is in the other ("Lula" / "Luiz Inácio Lula da
 * Silva", "Le Drian" / "Jean-Yves Le Drian", "Обама Барак" / "Барак Обама"), or the same surname
 * (last word) with the same initial ("V. Putin" / "Vladimir Putin"; not "Barack" / "Michelle Obama").
 */
export function sameName(a: string, b: string, equal: WordEquality = exactly): boolean {
  const x = nameTokens(a);
  const y = nameTokens(b);
  if (x.length === 0 || y.length === 0) return false;
  const [shorter, longer] = x.length <= y.length ? [x, y] : [y, x];
  if (shorter.every((w) => longer.some((v) => equal(w, v)))) return true;
  return equal(x[x.length - 1]!, y[y.length - 1]!) && x[0]![0] === y[0]![0];
}

/** Whether one name contains the other's surname (last word): "Captain Artiga" / "Victor Artiga". */
export function sameSurname(a: string, b: string, equal: WordEquality = exactly): boolean {
  const x = nameTokens(a);
  const y = nameTokens(b);
  if (x.length === 0 || y.length === 0) return false;
  return x.some((w) => equal(w, y[y.length - 1]!)) || y.some((w) => equal(w, x[x.length - 1]!));
}

/**
 * Pairs expected names with found names: a sure match ({@link sameName}) always pairs; a surname
 * match ({@link sameSurname}) pairs a found name that is surely nobody else, so that "Dr Maathai"
 * is "Wangari Maathai", but a found "Serena Williams" does not also stand for "Venus Williams".
 * Returns, for each expected name, the indexes of the found names paired with it.
 */
export function pairNames(expected: readonly string[], found: readonly string[], equal: WordEquality = exactly): number[][] {
  const sure = expected.map((e) => found.map((f) => sameName(e, f, equal)));
  const foundSure = found.map((_, j) => sure.some((row) => row[j]));
  return expected.map((e, i) => found.flatMap((f, j) => (sure[i]![j] || (!foundSure[j] && sameSurname(e, f, equal)) ? [j] : [])));
}

/** Whether an annotated outlet name is one of `names` (an outlet's name and aliases): normalised equality or containment, word by word. */
export function sameOutlet(annotated: string, names: readonly string[]): boolean {
  const a = nameTokens(annotated).join(" ");
  if (!a) return false;
  return names.some((name) => {
    const n = nameTokens(name).join(" ");
    return n.length > 0 && (` ${a} `.includes(` ${n} `) || ` ${n} `.includes(` ${a} `));
  });
}

// ── Roles ───────────────────────────────────────────────────────────────────────────────────────

/** The content words of a role: {@link ROLE_WORD_MIN}+ letters, not stop words (all its words when none is). */
export function roleWords(role: string, language?: string): string[] {
  const words = foldWords(role);
  const stop = stopwordsFor(language);
  const content = words.filter((w) => w.length >= ROLE_WORD_MIN && !stop.has(w));
  return content.length > 0 ? content : words;
}

function stemsMeet(a: string, b: string): boolean {
  const n = Math.min(PREFIX, a.length, b.length);
  return a.slice(0, n) === b.slice(0, n);
}

/**
 * Whether a found role says the annotated one: at least half the content words of one share a
 * 5-letter prefix with words of the other ("министр иностранных дел" / "министра иностранных дел
 * России"; "président" / "président de la République").
 */
export function rolesMatch(expected: string, found: string, language?: string): boolean {
  const a = roleWords(expected, language);
  const b = roleWords(found, language);
  if (a.length === 0 || b.length === 0) return false;
  const covers = (xs: string[], ys: string[]) => 2 * xs.filter((x) => ys.some((y) => stemsMeet(x, y))).length >= xs.length;
  return covers(a, b) || covers(b, a);
}

// ── Measures ────────────────────────────────────────────────────────────────────────────────────

/** Hits out of a total; for a count, `hits` is the count; for a ratio, `hits` is the ratio and `total` 1. */
export interface Tally {
  hits: number;
  total: number;
}

export type MeasureId =
  | "hasTopic"
  | "subject"
  | "outletsFound"
  | "outletsExtra"
  | "outletClaims"
  | "personPrecision"
  | "personRecall"
  | "roles"
  | "summaryMean"
  | "summaryMax"
  | "bullets"
  | "keyFacts"
  | "junk"
  | "whoIsPerson"
  | "whoIsRole"
  | "unknownHonest";

/** share: Σhits/Σtotal; mean: the same over per-article ratios; max: the largest ratio; count: Σhits. */
export type MeasureKind = "share" | "mean" | "max" | "count";

export interface Measure {
  id: MeasureId;
  label: string;
  kind: MeasureKind;
  target: string;
  /** Whether a value meets the target. */
  met: (value: number) => boolean;
  /** The target holds in every language, not only overall. */
  perLanguage?: boolean;
}

const atLeast = (x: number) => (v: number) => v >= x - 1e-9;
const atMost = (x: number) => (v: number) => v <= x + 1e-9;

/** The rows of the table, in order. */
export const MEASURES: readonly Measure[] = [
  { id: "hasTopic", label: "1. articles with ≥ 1 topic", kind: "share", target: "100 %", met: atLeast(1) },
  { id: "subject", label: "1. right top-level topic", kind: "share", target: "≥ 90 %", met: atLeast(0.9) },
  { id: "outletsFound", label: "2. cited outlets found in /sources", kind: "share", target: "≥ 90 %", met: atLeast(0.9) },
  { id: "outletsExtra", label: "2. outlets found, not annotated", kind: "count", target: "0", met: atMost(0) },
  { id: "outletClaims", label: "3. outlets paired with their claim", kind: "share", target: "≥ 85 %", met: atLeast(0.85) },
  { id: "personPrecision", label: "4. person precision", kind: "share", target: "≥ 95 %", met: atLeast(0.95) },
  { id: "personRecall", label: "5. person recall", kind: "share", target: "≥ 95 %", met: atLeast(0.95) },
  { id: "roles", label: "6. roles right (found people)", kind: "share", target: "≥ 85 % each", met: atLeast(0.85), perLanguage: true },
  { id: "summaryMean", label: "7. summary / text length, mean", kind: "mean", target: "≤ 35 %", met: atMost(0.35) },
  { id: "summaryMax", label: "7. summary / text length, max", kind: "max", target: "≤ 35 %", met: atMost(0.35) },
  { id: "bullets", label: "7. summaries with ≤ 3 bullets", kind: "share", target: "100 %", met: atLeast(1) },
  { id: "keyFacts", label: "8. key facts in the summary", kind: "share", target: "≥ 85 %", met: atLeast(0.85) },
  { id: "junk", label: "8. summaries with junk", kind: "count", target: "0", met: atMost(0) },
  { id: "whoIsPerson", label: "9. who-is: right person", kind: "share", target: "100 %", met: atLeast(1) },
  { id: "whoIsRole", label: "9. who-is: right role", kind: "share", target: "≥ 85 %", met: atLeast(0.85) },
  { id: "unknownHonest", label: "10. unknown names answered honestly", kind: "share", target: "100 %", met: atLeast(1) },
];

export type Tallies = Partial<Record<MeasureId, Tally>>;

/** One scored item (an article, a who-is question) and the language it counts under. */
export interface Scored {
  language: string;
  tallies: Tallies;
}

/** Combines tallies of one measure; undefined when there is nothing to measure. */
export function combine(kind: MeasureKind, tallies: readonly Tally[]): number | undefined {
  if (tallies.length === 0) return undefined;
  if (kind === "count") return tallies.reduce((sum, t) => sum + t.hits, 0);
  if (kind === "max") {
    const ratios = tallies.filter((t) => t.total > 0).map((t) => t.hits / t.total);
    return ratios.length === 0 ? undefined : Math.max(...ratios);
  }
  const total = tallies.reduce((sum, t) => sum + t.total, 0);
  return total === 0 ? undefined : tallies.reduce((sum, t) => sum + t.hits, 0) / total;
}

export interface Row {
  measure: Measure;
  all: number | undefined;
  byLanguage: Record<string, number | undefined>;
  /** Whether the target is met (per language too for per-language targets); undefined without data. */
  met: boolean | undefined;
}

/** The table's rows: every measure overall and per language. */
export function aggregate(items: readonly Scored[], languages: readonly string[]): Row[] {
  return MEASURES.map((measure) => {
    const of = (pool: readonly Scored[]) => combine(measure.kind, pool.flatMap((i) => (i.tallies[measure.id] ? [i.tallies[measure.id]!] : [])));
    const all = of(items);
    const byLanguage = Object.fromEntries(languages.map((l) => [l, of(items.filter((i) => i.language === l))]));
    const judged = measure.perLanguage ? Object.values(byLanguage).filter((v) => v !== undefined) : all === undefined ? [] : [all];
    return { measure, all, byLanguage, met: judged.length === 0 ? undefined : judged.every(measure.met) };
  });
}

/** A value as the table prints it: a percentage, a count, or "–" without data. */
export function formatValue(kind: MeasureKind, value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return "–";
  return kind === "count" ? String(value) : `${Math.round(value * 100)} %`;
}

/** A plain-text table with aligned columns; the first column is left-aligned, the others right-aligned. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** The results table: measure, overall, each language, target, and ✓/✗ (blank without data). */
export function renderTable(rows: readonly Row[], languages: readonly string[]): string {
  return textTable(
    ["measure", "all", ...languages, "target", ""],
    rows.map((r) => [
      r.measure.label,
      formatValue(r.measure.kind, r.all),
      ...languages.map((l) => formatValue(r.measure.kind, r.byLanguage[l])),
      r.measure.target,
      r.met === undefined ? "" : r.met ? "✓" : "✗",
    ]),
  );
}

// ── One article ─────────────────────────────────────────────────────────────────────────────────

/** An outlet the bot cites in an article (/sources), with every claim sentence it attributes to it. */
export interface FoundOutlet {
  slug: string;
  name: string;
  aliases: string[];
  claims: string[];
}

/** A person the bot names in an article, with every role it gives them there. */
export interface FoundPerson {
  name: string;
  roles: string[];
}

/** What the bot stored for one article, as plain data. */
export interface BotReading {
  topics: string[];
  lead: string;
  bullets: string[];
  textLength: number;
  outlets: FoundOutlet[];
  people: FoundPerson[];
}

export interface OutletResult {
  name: string;
  claim: string[];
  /** Found outlets that match the annotated name. */
  found: string[];
  /** A matching outlet's claim sentence holds every claim word. */
  claimFound: boolean;
}

export interface PersonResult {
  name: string;
  role: string | null;
  found: FoundPerson[];
  /** Whether a found role matches; null without an annotated role or when the person was not found. */
  roleRight: boolean | null;
}

/** The scores of one article and what they were computed from (for `--id`). */
export interface ArticleResult {
  tallies: Tallies;
  outlets: OutletResult[];
  /** Found outlets that match no annotated outlet; `notCited` marks those the annotation says are not cited. */
  extraOutlets: { name: string; notCited: boolean }[];
  people: PersonResult[];
  extraPeople: FoundPerson[];
  summaryRatio: number;
  keyFacts: { words: string[]; found: boolean }[];
  junkFound: string[];
}

const share = (hits: number, total: number): Tally => ({ hits, total });
const flag = (ok: boolean): Tally => ({ hits: ok ? 1 : 0, total: 1 });

/** Scores what the bot stored for one article against its annotation. */
export function scoreArticle(annotation: Annotation, bot: BotReading): ArticleResult {
  const language = annotation.language;
  const outletNames = (o: FoundOutlet) => [o.name, ...o.aliases];

  const outlets = annotation.outlets.map((outlet): OutletResult => {
    const matching = bot.outlets.filter((o) => sameOutlet(outlet.name, outletNames(o)));
    return {
      name: outlet.name,
      claim: outlet.claim,
      found: matching.map((o) => o.name),
      claimFound: matching.some((o) => o.claims.some((c) => hasAllWords(c, outlet.claim))),
    };
  });
  const extraOutlets = bot.outlets
    .filter((o) => !annotation.outlets.some((a) => sameOutlet(a.name, outletNames(o))))
    .map((o) => ({ name: o.name, notCited: annotation.notCited.some((n) => sameOutlet(n, outletNames(o))) }));

  const pairs = pairNames(
    annotation.people.map((p) => p.name),
    bot.people.map((p) => p.name),
  );
  const people = annotation.people.map((person, i): PersonResult => {
    const found = pairs[i]!.map((j) => bot.people[j]!);
    const roleRight =
      person.role === null || found.length === 0
        ? null
        : found.some((p) => p.roles.some((r) => rolesMatch(person.role!, r, language)));
    return { name: person.name, role: person.role, found, roleRight };
  });
  const extraPeople = bot.people.filter((_, j) => !pairs.some((row) => row.includes(j)));

  const summary = [bot.lead, ...bot.bullets].join("\n");
  const summaryRatio = bot.textLength > 0 ? (bot.lead.length + bot.bullets.reduce((n, b) => n + b.length, 0)) / bot.textLength : 0;
  const keyFacts = annotation.keyFacts.map((words) => ({ words, found: hasAllWords(summary, words) }));
  const junkFound = annotation.junk.filter((snippet) => junkIn([bot.lead, ...bot.bullets], snippet));
  const withRole = people.filter((p) => p.roleRight !== null);

  const tallies: Tallies = {
    hasTopic: flag(bot.topics.length > 0),
    outletsFound: share(outlets.filter((o) => o.found.length > 0).length, outlets.length),
    outletsExtra: share(extraOutlets.length, 1),
    outletClaims: share(outlets.filter((o) => o.claimFound).length, outlets.length),
    personPrecision: share(bot.people.length - extraPeople.length, bot.people.length),
    personRecall: share(people.filter((p) => p.found.length > 0).length, people.length),
    roles: share(withRole.filter((p) => p.roleRight).length, withRole.length),
    summaryMean: share(summaryRatio, 1),
    summaryMax: share(summaryRatio, 1),
    bullets: flag(bot.bullets.length <= 3),
    keyFacts: share(keyFacts.filter((k) => k.found).length, keyFacts.length),
    junk: flag(junkFound.length > 0),
  };
  if (annotation.subject) tallies.subject = flag(bot.topics.includes(annotation.subject));
  return { tallies, outlets, extraOutlets, people, extraPeople, summaryRatio, keyFacts, junkFound };
}

// ── Who-is ──────────────────────────────────────────────────────────────────────────────────────

/** A who-is answer as plain data. */
export type WhoIsReading =
  | { kind: "card"; name: string; roles: string[] }
  | { kind: "choices"; names: string[] }
  | { kind: "unknown" };

export interface WhoIsResult {
  rightPerson: boolean;
  /** Null when the annotation gives no role. */
  rightRole: boolean | null;
}

/**
 * Scores the answer to "who is <annotated person>?": a card of that person, with a matching role.
 * `others` are the other people annotated in the same article: a card that is surely one of them
 * is not taken for this person on a shared surname ({@link pairNames}).
 */
export function scoreWhoIs(
  person: { name: string; role: string | null },
  answer: WhoIsReading,
  options: { language?: string; others?: readonly string[] } = {},
): WhoIsResult {
  const rightPerson = answer.kind === "card" && pairNames([person.name, ...(options.others ?? [])], [answer.name])[0]!.length > 0;
  const rightRole =
    person.role === null ? null : rightPerson && answer.kind === "card" && answer.roles.some((r) => rolesMatch(person.role!, r, options.language));
  return { rightPerson, rightRole };
}

/** The tallies of one who-is question. */
export function whoIsTallies(result: WhoIsResult): Tallies {
  const tallies: Tallies = { whoIsPerson: flag(result.rightPerson) };
  if (result.rightRole !== null) tallies.whoIsRole = flag(result.rightRole);
  return tallies;
}

// ── Gold-only (the corpus's own annotations) ────────────────────────────────────────────────────

/** A gold person: the surface forms the text uses for them, and roles when the source has them. */
export interface GoldPerson {
  forms: string[];
  roles: string[];
}

export interface GoldResult {
  recall: Tally;
  /** Undefined when the source does not list every person (factRuEval lists only people with roles). */
  precision?: Tally;
  roles?: Tally;
}

/**
 * Scores the bot's people against a source's gold people. Gold forms are surface forms (inflected in
 * Russian and Ukrainian), so words are compared with {@link wordsAlike}.
 */
export function scoreGold(gold: readonly GoldPerson[], found: readonly FoundPerson[], options: { complete: boolean; language?: string }): GoldResult {
  // Every form of every person is an expected name; a person is found when one of its forms is.
  const forms = gold.flatMap((g, person) => g.forms.map((form) => ({ form, person })));
  const pairs = pairNames(
    forms.map((f) => f.form),
    found.map((p) => p.name),
    wordsAlike,
  );
  const foundOf = gold.map((_, person) => [...new Set(forms.flatMap((f, i) => (f.person === person ? pairs[i]! : [])))].map((j) => found[j]!));
  const result: GoldResult = { recall: share(foundOf.filter((f) => f.length > 0).length, gold.length) };
  if (options.complete) result.precision = share(found.filter((_, j) => pairs.some((row) => row.includes(j))).length, found.length);
  const withRoles = gold.flatMap((g, i) => (g.roles.length > 0 && foundOf[i]!.length > 0 ? [{ g, found: foundOf[i]! }] : []));
  if (withRoles.length > 0) {
    const right = withRoles.filter(({ g, found }) => found.some((p) => p.roles.some((r) => g.roles.some((gr) => rolesMatch(gr, r, options.language)))));
    result.roles = share(right.length, withRoles.length);
  }
  return result;
}
