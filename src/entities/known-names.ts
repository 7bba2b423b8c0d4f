/**
 * A cheap, in-memory answer to "could this text be an entity's name?", so that ordinary chatter
 * ("thanks!", "good morning everyone") is not sent to the database's fuzzy name search.
 *
 * The who-is service answers a bare name (no "who is") only when it is a whole stored alias,
 * each word as typed or within its few typing mistakes (none under five letters; see
 * `allowedEdits` in name-match.ts). Such a text has a word that is close to a word of some alias.
 * So a text passes when one of its normalised words
 * - is a word of an alias ("dmitriev"),
 * - is such a word cut short by up to three letters, keeping at least four ("dmitri"),
 * - is such a word with up to two more letters at the end, as in declined forms ("putina"),
 * - or is one typing mistake away from such a word: a letter dropped, added, changed, or two
 *   neighbours swapped ("vitkof" for "bitkof"), for words of five letters or more.
 * - or is two alias words of three letters or more typed without their space ("kirildmitriev").
 * The trade-off: a bare name whose every word is misspelt worse than that (two mistakes in one
 * word, a mistake and a missing space, a mistake in a word of four letters or fewer) is not
 * looked up and gets the ordinary "I didn't understand" answer; "who is …?" and /who always
 * search. Extra passes are harmless: they only cost the search the text would have had anyway.
 *
 * The words are read from the database at the first check and again, in the background, once they
 * are older than `refreshMs` (one scan of the aliases: about 0.3 s of database time at 100,000
 * entities), so names stored by another process count after that long at most;
 * {@link KnownNames.refresh} makes this process's own new names count at once.
 */
import { convergeWord, nameTokens } from "../text/normalize.js";

/** Where the words come from (the name-word repository). */
export interface NameWordSource {
  all(): Promise<string[]>;
}

export interface KnownNamesOptions {
  /** How long a loaded word list is trusted (default 5 min: reading it scans every alias). */
  refreshMs?: number;
  now?: () => number;
}

/** Shortest word cut or extended by the rules above: shorter ones would match too much. */
const MIN_STEM = 4;
/** Shortest word checked for a typing mistake: shorter ones are one mistake from too many names. */
const MIN_TYPO = 5;
/** Shortest half of two names run together ("dan" of "dandriscol"). */
const MIN_PART = 3;
const LETTERS = "abcdefghijklmnopqrstuvwxyz";

interface WordIndex {
  words: Set<string>;
  /** Alias words cut short by one to three letters (at least MIN_STEM left). */
  cutShort: Set<string>;
}

/** Builds the lookup sets from the words of every alias. */
export function indexWords(all: Iterable<string>): WordIndex {
  const words = new Set<string>();
  const cutShort = new Set<string>();
  for (const word of all) {
    if (!word) continue;
    words.add(word);
    for (let cut = 1; cut <= 3 && word.length - cut >= MIN_STEM; cut++) cutShort.add(word.slice(0, -cut));
  }
  return { words, cutShort };
}

/** True when `word` is one letter dropped, added, changed or swapped away from a word in `words`. */
function oneMistakeFrom(word: string, words: Set<string>): boolean {
  for (let i = 0; i <= word.length; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    if (i < word.length && words.has(head + tail.slice(1))) return true; // a letter too many
    if (i < word.length - 1 && words.has(head + tail[1] + tail[0] + tail.slice(2))) return true; // swapped
    for (const letter of LETTERS) {
      if (words.has(head + letter + tail)) return true; // a letter missing
      if (i < word.length && letter !== tail[0] && words.has(head + letter + tail.slice(1))) return true; // a letter wrong
    }
  }
  return false;
}

/** Whether one normalised word is close enough to an alias word (the rules in the file comment). */
export function wordMightBeName(word: string, index: WordIndex): boolean {
  const whole = (part: string) => index.words.has(part) || index.cutShort.has(part);
  if (whole(word)) return true;
  for (let extra = 1; extra <= 2 && word.length - extra >= MIN_STEM; extra++) {
    if (index.words.has(word.slice(0, -extra))) return true;
  }
  if (word.length >= MIN_TYPO && oneMistakeFrom(word, index.words)) return true;
  // Two names typed without their space ("kirildmitriev", "dandriscol"): one half a known word, the
  // other one too once spelt as it would be on its own ("stivuitkof": "uitkof" is "vitkof").
  for (let split = MIN_PART; split <= word.length - MIN_PART; split++) {
    const [left, right] = [word.slice(0, split), word.slice(split)];
    if (whole(left) && (whole(right) || whole(convergeWord(right)))) return true;
    if (whole(right) && whole(convergeWord(left))) return true;
  }
  return false;
}

/** Creates the check over `source`; nothing is read until the first call. */
export function createKnownNames(source: NameWordSource, options: KnownNamesOptions = {}) {
  const refreshMs = options.refreshMs ?? 300_000;
  const now = options.now ?? Date.now;
  let index: WordIndex | undefined;
  let loadedAt = 0;
  let loading: Promise<WordIndex> | undefined;
  let queued: Promise<void> | undefined;

  function load(): Promise<WordIndex> {
    loading ??= source
      .all()
      .then((words) => {
        index = indexWords(words);
        loadedAt = now();
        return index;
      })
      .finally(() => (loading = undefined));
    return loading;
  }

  return {
    /** False only when no word of `text` can be part of a stored name (see the file comment). */
    async mightBeName(text: string): Promise<boolean> {
      const current = index ?? (await load());
      // A failed background refresh keeps the words already loaded; a later call tries again.
      if (now() - loadedAt > refreshMs) load().catch(() => {});
      return nameTokens(text).some((word) => wordMightBeName(word, current));
    },

    /** Reads the words again (after this process stored new names); later checks use them. */
    refresh(): Promise<void> {
      // A read already under way may have started before those names were stored, so one more
      // read follows it; callers meanwhile share that one read (a feed stores articles in bursts).
      queued ??= (async () => {
        await loading?.catch(() => {});
        queued = undefined;
        await load();
      })();
      return queued;
    },
  };
}

export type KnownNames = ReturnType<typeof createKnownNames>;
