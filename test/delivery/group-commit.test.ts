import { describe, expect, it } from "vitest";
import { createGroupCommit } from "../../src/delivery/group-commit.js";

describe("group commit", () => {
  it("writes a lone item at once and groups the items that arrive during a write", async () => {
    const writes: number[][] = [];
    let release: (() => void) | undefined;
    const commit = createGroupCommit(async (items: number[]) => {
      writes.push(items);
      await new Promise<void>((r) => (release = r));
    });
    const first = commit.add(1);
    await Promise.resolve();
    expect(writes).toEqual([[1]]);
    const later = [commit.add(2), commit.add(3), commit.add(4)];
    let laterDone = false;
    void Promise.all(later).then(() => (laterDone = true));
    release!();
    await first;
    expect(writes).toEqual([[1], [2, 3, 4]]);
    expect(laterDone).toBe(false); // not before their own write finished
    release!();
    await Promise.all(later);
  });

  it("rejects the items of a failed write only, and keeps writing", async () => {
    let fail = true;
    const written: string[] = [];
    const commit = createGroupCommit(async (items: string[]) => {
      await new Promise((r) => setTimeout(r, 5));
      if (fail) {
        fail = false;
        throw new Error("database away");
      }
      written.push(...items);
    });
    const a = commit.add("a");
    await new Promise((r) => setTimeout(r, 1));
    const b = commit.add("b");
    await expect(a).rejects.toThrow("database away");
    await expect(b).resolves.toBeUndefined();
    expect(written).toEqual(["b"]);
  });
});
