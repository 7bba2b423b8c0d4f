/**
 * Reading the evaluation inputs: the shared corpus (`../shared/corpus/`, see its README.md) and the
 * hand annotations (`eval/annotations/<id>.json`). Files are validated with zod so that a
 * half-written annotation is reported by name instead of breaking the scoring later.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";

const indexEntrySchema = z.object({
  id: z.string(),
  language: z.string(),
  source: z.string(),
  title: z.string().nullable(),
  date: z.string().nullable(),
  path: z.string(),
});
export type CorpusEntry = z.infer<typeof indexEntrySchema>;

/** The gold data some sources carry (all optional; only what the gold-only block reads). */
const goldSchema = z
  .object({
    people: z.array(z.object({ name: z.string(), mentions: z.array(z.string()).default([]), works_as: z.array(z.string()).default([]) })).optional(),
    roles: z.array(z.object({ who: z.string(), position: z.string().optional() })).optional(),
    entities: z.array(z.object({ type: z.string(), text: z.string() })).optional(),
  })
  .loose();
export type CorpusGold = z.infer<typeof goldSchema>;

const articleSchema = z.object({
  id: z.string(),
  language: z.string(),
  title: z.string().nullable(),
  text: z.string().min(1),
  date: z.string().nullable(),
  // Gold data of an unexpected shape is left out rather than stopping the run (it only feeds --gold).
  annotations: goldSchema.optional().catch(undefined),
});
export type CorpusArticle = z.infer<typeof articleSchema> & { source: string };

/** A hand annotation of one article (the shape agreed for `eval/annotations/`). */
const annotationSchema = z.object({
  id: z.string().min(1),
  language: z.string(),
  /** The top-level topic slug the article is about; null when no topic of the catalog fits. */
  subject: z.string().nullable().default(null),
  topics: z.array(z.string()).default([]),
  people: z.array(z.object({ name: z.string().min(1), role: z.string().nullable().default(null) })).default([]),
  outlets: z.array(z.object({ name: z.string().min(1), claim: z.array(z.string()).default([]) })).default([]),
  notCited: z.array(z.string()).default([]),
  keyFacts: z.array(z.array(z.string()).min(1)).default([]),
  junk: z.array(z.string()).default([]),
});
export type Annotation = z.infer<typeof annotationSchema>;

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isDirectory(), () => false);
}

async function readJsonFile(path: string): Promise<unknown> {
  return JSON.parse(await readFile(path, "utf8"));
}

/** The corpus index, or undefined when the corpus folder is absent. */
export async function readCorpusIndex(dir: string): Promise<CorpusEntry[] | undefined> {
  if (!(await isDirectory(dir))) return undefined;
  return z.array(indexEntrySchema).parse(await readJsonFile(join(dir, "index.json")));
}

/** One corpus article, with the source it comes from. */
export async function readCorpusArticle(dir: string, entry: CorpusEntry): Promise<CorpusArticle> {
  const article = articleSchema.parse(await readJsonFile(join(dir, entry.path)));
  return { ...article, source: entry.source };
}

export interface AnnotationSet {
  annotations: Annotation[];
  /** Files that could not be read or do not have the agreed shape, with the reason. */
  problems: { file: string; reason: string }[];
}

/** Every `*.json` annotation in `dir` (an absent folder gives none), sorted by id. */
export async function readAnnotations(dir: string): Promise<AnnotationSet> {
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith(".json")).sort();
  const set: AnnotationSet = { annotations: [], problems: [] };
  for (const file of files) {
    try {
      const parsed = annotationSchema.safeParse(await readJsonFile(join(dir, file)));
      if (parsed.success) set.annotations.push(parsed.data);
      else set.problems.push({ file, reason: z.prettifyError(parsed.error).replace(/\n/g, "; ") });
    } catch (error) {
      set.problems.push({ file, reason: (error as Error).message });
    }
  }
  set.annotations.sort((a, b) => a.id.localeCompare(b.id));
  return set;
}

/** The date to publish an article under: `YYYY-MM-DD` at noon UTC, a bare year on 1 January; else none. */
export function publicationDate(date: string | null): Date | undefined {
  const match = date ? /^(\d{4})(?:-(\d{2})-(\d{2}))?$/.exec(date) : null;
  if (!match) return undefined;
  const parsed = new Date(`${match[1]}-${match[2] ?? "01"}-${match[3] ?? "01"}T12:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}

/** The headline to publish: the corpus title, else the text's first line. */
export function headline(article: Pick<CorpusArticle, "title" | "text">): string {
  const title = article.title?.trim();
  if (title) return title;
  return article.text.trim().split("\n")[0]!.trim();
}
