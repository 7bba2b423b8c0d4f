// Minimal typings for the language libraries that ship none (only what src/text uses).
declare module "snowball-stemmers" {
  export interface Stemmer {
    stem(word: string): string;
  }
  export function newStemmer(algorithm: string): Stemmer;
  export function algorithms(): string[];
}

declare module "@nlpjs/lang-uk" {
  export class StemmerUk {
    stemWord(word: string): string;
  }
}

declare module "az" {
  interface AzTag {
    POST?: string;
    toString(): string;
    [grammeme: string]: unknown;
  }
  interface AzParse {
    word: string;
    tag: AzTag;
    score: number;
    normalize(keepPOS?: boolean): AzParse;
    inflect(grammemes: Record<string, unknown> | string[]): AzParse | false;
  }
  interface AzMorph {
    (word: string, options?: Record<string, unknown>): AzParse[];
    init(path: string, callback: (error: unknown) => void): void;
  }
  const Az: { Morph: AzMorph };
  export default Az;
}
