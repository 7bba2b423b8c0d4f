/**
 * One process per PGlite data directory. PGlite has no lock of its own, and two processes writing
 * one directory corrupt it silently, so the bot holds `<dir>.lock` while the database is open: a
 * small file naming its pid and host, created atomically (`wx`) and refreshed every few seconds.
 * A second process finds it and refuses at once. A lock left by a process that died (kill -9, a
 * power cut) is stale when its pid is gone on this host, or when it has not been refreshed for a
 * while (another host, or a pid reused since), and is taken over.
 */
import { readFileSync, statSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";

/** The data directory is in use by another running process. */
export class DataDirLockedError extends Error {
  override name = "DataDirLockedError";
  constructor(readonly lockPath: string, readonly holder: { pid: number; host: string; since: string }) {
    super(
      `The PGlite data directory is in use by another bot process (pid ${holder.pid} on ${holder.host}, since ${holder.since}). ` +
        "Only one process can use it: stop the other one, give this one its own DATA_DIR, or set DATABASE_URL to share a PostgreSQL database.",
    );
  }
}

export interface DataDirLock {
  /** Removes the lock (idempotent); called when the database closes and at process exit. */
  release(): void;
}

interface Holder {
  pid: number;
  host: string;
  since: string;
}

/** Locks this process holds: its own pid in a lock it does not hold is a previous life's. */
const held = new Set<string>();

const REFRESH_MS = 5_000;
/** A lock not refreshed for this long belongs to no living process. */
const STALE_MS = 30_000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, owned by someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readHolder(path: string): Holder | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as Partial<Holder>;
    if (typeof parsed.pid === "number" && typeof parsed.host === "string") return { pid: parsed.pid, host: parsed.host, since: String(parsed.since ?? "?") };
  } catch {
    // Unreadable or half written: judged by its age alone.
  }
  return undefined;
}

function isStale(path: string, holder: Holder | undefined, now: number): boolean {
  let age: number;
  try {
    age = now - statSync(path).mtimeMs;
  } catch {
    return true; // gone meanwhile
  }
  if (age > STALE_MS) return true;
  if (!holder) return age > REFRESH_MS * 2;
  // Our own pid in an old lock: this process restarted under the same pid (pid 1 in a container).
  if (holder.host === hostname()) return holder.pid === process.pid ? !held.has(path) : !isAlive(holder.pid);
  return false;
}

/** Takes the lock of `dataDir`, or throws DataDirLockedError. */
export function lockDataDir(dataDir: string): DataDirLock {
  const path = `${dataDir.replace(/[\\/]+$/, "")}.lock`;
  const me: Holder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(path, JSON.stringify(me), { flag: "wx" });
      held.add(path);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || attempt >= 2) throw error;
      const holder = readHolder(path);
      if (!isStale(path, holder, Date.now())) throw new DataDirLockedError(path, holder ?? { pid: 0, host: "?", since: "?" });
      try {
        unlinkSync(path);
      } catch {
        // Another starter removed it first; the next attempt decides.
      }
    }
  }
  const refresh = setInterval(() => {
    try {
      const now = new Date();
      utimesSync(path, now, now);
    } catch {
      // The directory went away; nothing to keep.
    }
  }, REFRESH_MS);
  refresh.unref();
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    held.delete(path);
    clearInterval(refresh);
    process.off("exit", release);
    // Only our own lock: never one a newer process took over.
    const holder = readHolder(path);
    if (holder?.pid === me.pid && holder.since === me.since) {
      try {
        unlinkSync(path);
      } catch {
        // Already gone.
      }
    }
  };
  process.on("exit", release);
  return { release };
}
