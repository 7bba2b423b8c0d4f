/**
 * Recognises "who is X?" questions in English, French, Russian, Ukrainian and German, and returns
 * the X as typed. Free text that is no such question may still be a bare name: the caller decides
 * with the database whether it matches an entity well enough.
 */

export interface WhoQuestion {
  /** What the question asks about ("Dmitriev", "the German foreign minister"). */
  subject: string;
  /** True when the text had a question form; false for a bare name. */
  asked: boolean;
}

const PATTERNS: RegExp[] = [
  // English
  /^(?:who|what)\s+(?:is|was|are|were)\s+(.+)$/iu,
  /^(?:who|what)['’]s\s+(.+)$/iu,
  /^tell\s+me\s+(?:more\s+)?about\s+(.+)$/iu,
  /^(?:do\s+you\s+know|have\s+you\s+heard\s+of|info\s+on|information\s+about)\s+(.+)$/iu,
  // French
  /^qui\s+(?:est|était|sont)(?:-ce|-il|-elle)?\s+(.+)$/iu,
  /^c['’ ]?est\s+qui\s+(.+)$/iu,
  /^(?:qu['’]est[- ]ce\s+que|c['’ ]?est\s+quoi)\s+(.+)$/iu,
  /^(?:parle|dis|parlez|dites)[- ]moi\s+(?:de\s+la\s+|de\s+l['’]|de\s+|du\s+|des\s+|d['’])(.+)$/iu,
  // Russian
  /^кто\s+(?:такой|такая|такое|такие|это|был|была|были)\s+(.+)$/iu,
  /^что\s+(?:такое|за)\s+(.+)$/iu,
  /^расскажи(?:те)?\s+(?:мне\s+)?(?:о|об|про)\s+(.+)$/iu,
  // Ukrainian
  /^хто\s+(?:такий|така|таке|такі|це|був|була|були)\s+(.+)$/iu,
  /^що\s+(?:таке|за)\s+(.+)$/iu,
  /^розкажи(?:ть)?\s+(?:мені\s+)?(?:про|о)\s+(.+)$/iu,
  // German
  /^(?:wer|was)\s+(?:ist|war|sind)\s+(.+)$/iu,
  // Short forms last: "кто Дмитриев", "хто Зеленський"
  /^(?:кто|хто)\s+(.+)$/iu,
];

const TRIM = /^[\s"'“”«»„‘’`]+|[\s"'“”«»„‘’`?!.？！。…]+$/gu;

/** Parses a message; undefined when it is empty or too long to be a question about a name. */
export function parseWhoQuestion(text: string): WhoQuestion | undefined {
  const cleaned = text.replace(/\s+/g, " ").replace(TRIM, "").trim();
  if (!cleaned || cleaned.length > 200) return undefined;
  for (const pattern of PATTERNS) {
    const match = pattern.exec(cleaned);
    const subject = match?.[1]?.replace(TRIM, "").trim();
    if (subject) return { subject, asked: true };
  }
  // A bare name: a few words, no sentence punctuation, no digits.
  if (cleaned.length <= 60 && cleaned.split(" ").length <= 4 && !/[\d,;:/@#<>{}=]/u.test(cleaned)) {
    return { subject: cleaned, asked: false };
  }
  return undefined;
}
