/**
 * A new topic an admin adds (`/topics add`, `POST /api/topics`): a slug, its names (English at
 * least) and the keywords that suggest it, per language. Validated here once for both paths.
 */
import { z } from "zod";
import type { Problem } from "./article-request.js";

const words = z.array(z.string().trim().min(2).max(60)).max(300);

export const topicRequestSchema = z.object({
  slug: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, "must be 2–40 of a-z, 0-9 and -, starting with a letter or digit"),
  names: z.object({ en: z.string().trim().min(1).max(60) }).catchall(z.string().trim().min(1).max(60)),
  aliases: z.array(z.string().trim().min(1).max(60)).max(50).default([]),
  keywords: z.partialRecord(z.enum(["en", "fr", "ru", "uk", "de"]), words).default({}),
  kind: z.enum(["subject", "region", "theme"]).default("theme"),
});

export type TopicRequest = z.infer<typeof topicRequestSchema>;

/** Every problem of a raw request at once, or the typed request. */
export function parseTopicRequest(raw: unknown): { ok: true; value: TopicRequest } | { ok: false; problems: Problem[] } {
  const result = topicRequestSchema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, problems: result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })) };
}
