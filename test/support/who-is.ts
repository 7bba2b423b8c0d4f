import type { createWhoIsService } from "../../src/entities/who-is.js";

/**
 * What `answer()` makes of a subject, in one word for a table test: the card's entity name, or the
 * kind of answer ("choices", "unknown", …).
 */
export function answerName(whoIs: ReturnType<typeof createWhoIsService>) {
  return async (subject: string, bareName = false): Promise<string | undefined> => {
    const answer = await whoIs.answer(subject, { bareName });
    return answer?.kind === "card" ? answer.card.entity.name : answer?.kind;
  };
}
