import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync, existsSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DatabaseUnavailableError, openDatabase } from "../../src/db/client.js";
import { DataDirLockedError, lockDataDir } from "../../src/db/data-dir-lock.js";

/** A pid that certainly belongs to no process: a child that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ["-e", "0"]).pid!;
}

describe("one process per PGlite data directory", () => {
  const dirs: string[] = [];
  const temp = () => {
    const dir = mkdtempSync(join(tmpdir(), "newsbot-lock-"));
    dirs.push(dir);
    return join(dir, "pglite");
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("refuses a second holder with a clear message and frees the directory on release", () => {
    const dir = temp();
    const first = lockDataDir(dir);
    expect(JSON.parse(readFileSync(`${dir}.lock`, "utf8"))).toMatchObject({ pid: process.pid, host: hostname() });
    // Another live process holds it (the parent of this one, say).
    writeFileSync(`${dir}.lock`, JSON.stringify({ pid: process.ppid, host: hostname(), since: "earlier" }));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dir)).toThrow(/in use by another bot process \(pid \d+ on .*\).*DATA_DIR.*DATABASE_URL/);
    // A release never removes a lock that is not ours.
    first.release();
    expect(existsSync(`${dir}.lock`)).toBe(true);
  });

  it("takes over a lock left by a dead process, or one not refreshed for a long time", () => {
    const dir = temp();
    writeFileSync(`${dir}.lock`, JSON.stringify({ pid: deadPid(), host: hostname(), since: "crashed" }));
    const taken = lockDataDir(dir);
    taken.release();
    expect(existsSync(`${dir}.lock`)).toBe(false);

    // Another host's lock, untouched for a minute: its holder is gone.
    writeFileSync(`${dir}.lock`, JSON.stringify({ pid: 1, host: "elsewhere", since: "long ago" }));
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${dir}.lock`, old, old);
    lockDataDir(dir).release();
    // The same from a live one, freshly refreshed: refused.
    writeFileSync(`${dir}.lock`, JSON.stringify({ pid: 1, host: "elsewhere", since: "now" }));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
  });

  it("a second openDatabase on the same DATA_DIR fails at once; after close it opens", async () => {
    const dir = temp();
    const first = await openDatabase({ dataDir: dir });
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(DatabaseUnavailableError);
    await first.close();
    const again = await openDatabase({ dataDir: dir });
    await again.close();
  });
});
