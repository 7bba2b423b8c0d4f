/** The inbox marks updates handled in groups: one statement for the handlers that finish together. */
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { createUpdateInbox } from "../../src/transports/inbox.js";

describe("the update inbox", () => {
  it("marks handlers that finish together in one write, a lone one at once, and survives a failed write", async () => {
    const writes: number[][] = [];
    let failNext = false;
    const inbox = createUpdateInbox({
      log: pino({ level: "silent" }),
      repo: {
        record: async () => new Set<number>(),
        claimUnhandled: async () => [],
        purgeOlderThan: async () => 0,
        markHandled: async (ids) => {
          if (failNext) {
            failNext = false;
            throw new Error("connection lost");
          }
          writes.push([...ids]);
        },
      },
    });
    await Promise.all([inbox.done(1), inbox.done(2), inbox.done(3)]);
    expect(writes).toEqual([[1, 2, 3]]);
    await inbox.done(4);
    expect(writes).toEqual([[1, 2, 3], [4]]);
    // A failed write is logged, not thrown: the update was handled (at worst handled again after its lease).
    failNext = true;
    await expect(inbox.done(5)).resolves.toBeUndefined();
    await inbox.done(6);
    expect(writes.at(-1)).toEqual([6]);
  });
});
