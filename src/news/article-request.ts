/**
 * The one definition of what a new article may contain, shared by the HTTP API, the CLI's server
 * side and the publishing service: every problem is reported at once, unknown topics included.
 */
import { z } from "zod";

export const TITLE_MAX = 300;
export const BODY_MAX = 200_000;
export const SUMMARY_MAX = 1_000;
export const TOPICS_MAX = 20;
export const SITE_MAX = 200;

/** One validation problem: where (a dotted path, or "" for the whole request) and what. */
export interface Problem {
  path: string;
  message: string;
}

/** A valid request, ready for the publishing service. */
export interface ArticleRequest {
  title: string;
  body: string;
  url?: string;
  topics?: string[];
  language?: string;
  publishedAt?: Date;
  summary?: string;
  /** The outlet that published it ("Le Monde"); else its link's host names it. */
  site?: string;
}

/**
 * PostgreSQL text cannot hold U+0000, and a lone UTF-16 surrogate cannot be encoded as UTF-8: either
 * made the insert fail (a 500 from the API, a failed /post or channel post) instead of a 400.
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const text = (max: number, what: string) =>
  z
    .string({ error: `${what} must be a string` })
    .trim()
    .min(1, `${what} must not be empty`)
    .max(max, `${what} must be at most ${max} characters`)
    .refine((value) => !UNSTORABLE.test(value), `${what} must not contain NUL characters or unpaired surrogates`);

/**
 * Creates the request schema. Topics are checked against the stored topics (slug or any name), so
 * the schema must be parsed with `safeParseAsync`.
 */
export function createArticleRequestSchema({ resolveTopic }: { resolveTopic: (name: string) => Promise<unknown> }) {
  return z.object({
    title: text(TITLE_MAX, "title"),
    body: text(BODY_MAX, "body"),
    url: z
      .url({ protocol: /^https?$/, error: "url must be an http(s) URL" })
      .max(2_000, "url must be at most 2000 characters")
      .nullish()
      .transform((value) => value ?? undefined),
    // Elements are checked by hand so that one bad element does not hide the unknown names.
    topics: z
      .array(z.unknown(), { error: "topics must be a list of topic names or slugs" })
      .max(TOPICS_MAX, `at most ${TOPICS_MAX} topics`)
      .optional()
      .superRefine(async (names, ctx) => {
        for (const [index, name] of (names ?? []).entries()) {
          if (typeof name !== "string" || name.trim() === "") {
            ctx.addIssue({ code: "custom", path: [index], message: "each topic must be a non-empty string" });
          } else if ((await resolveTopic(name.trim())) === undefined) {
            ctx.addIssue({ code: "custom", path: [index], message: `unknown topic "${name.trim()}"` });
          }
        }
      })
      .transform((names) => names?.map((name) => String(name).trim())),
    language: z
      .string({ error: "language must be a string" })
      .trim()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, "language must be a language code such as en, fr or pt-BR")
      .optional(),
    publishedAt: z
      .union([z.iso.datetime({ offset: true }), z.iso.date()], { error: "publishedAt must be an ISO 8601 date, such as 2025-11-20T08:00:00Z" })
      .optional()
      .transform((value) => (value === undefined ? undefined : new Date(value))),
    summary: text(SUMMARY_MAX, "summary").optional(),
    site: text(SITE_MAX, "site").optional(),
  });
}

/** Validates a request; `problems` lists every issue, in field order. */
export async function parseArticleRequest(
  schema: ReturnType<typeof createArticleRequestSchema>,
  input: unknown,
): Promise<{ ok: true; value: ArticleRequest } | { ok: false; problems: Problem[] }> {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { ok: false, problems: [{ path: "", message: "the request body must be a JSON object" }] };
  }
  const result = await schema.safeParseAsync(input);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => ({
      path: issue.path.join("."),
      message: issue.code === "invalid_type" && issue.input === undefined ? `${issue.path.join(".")} is required` : issue.message,
    })),
  };
}
