import { describe, expect, it } from "vitest";
import { createGroupCommit } from "../../src/group-commit.js";

describe("group commit", () => {
  it("writes what arrived in one event-loop turn together, and groups what arrives during a write", async () => {
    const writes: number[][] = [];
    let release: (() => void) | undefined;
    const commit = createGroupCommit(async (items: number[]) => {
      writes.push(items);
      await new Promise<void>((r) => (release = r));
    });
    const first = [commit.add(0), commit.add(1)];
    await new Promise((r) => setImmediate(r));
    expect(writes).toEqual([[0, 1]]);
    const later = [commit.add(2), commit.add(3), commit.add(4)];
    let laterDone = false;
    void Promise.all(later).then(() => (laterDone = true));
    release!();
    await Promise.all(first);
    expect(writes).toEqual([[0, 1], [2, 3, 4]]);
    expect(laterDone).toBe(false); // not before their own write finished
    release!();
    await Promise.all(later);
  });

  it("rejects the items of a failed write only, and keeps writing", async () => {
    const written: string[][] = [];
    let failFirst!: () => void;
    // The first write fails when the test says so; every later one succeeds at once.
    const commit = createGroupCommit(async (items: string[]) => {
      if (written.length === 0) {
        written.push([]);
        await new Promise<void>((_, reject) => (failFirst = () => reject(new Error("database away"))));
      }
      written.push(items);
    });
    const a = commit.add("a");
    // Added while the first write runs, so it goes in the next one.
    while (written.length === 0) await new Promise((r) => setImmediate(r));
    const b = commit.add("b");
    failFirst();
    await expect(a).rejects.toThrow("database away");
    await expect(b).resolves.toBeUndefined();
    expect(written).toEqual([[], ["b"]]);
  });
});
