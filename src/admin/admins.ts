/**
 * Who may publish: the ids in ADMIN_IDS (fixed by whoever runs the bot) plus the admins added from
 * Telegram with /admins add, stored in the database.
 */
import type { AdminRepository } from "../db/repositories/admins.js";

export interface AdminEntry {
  userId: number;
  /** "config" for ADMIN_IDS, "added" for the admins table. */
  source: "config" | "added";
  addedBy: number | null;
}

export type AddResult = "added" | "already-admin";
export type RemoveResult = "removed" | "not-admin" | "config-admin";

export interface AdminServiceOptions {
  repo: AdminRepository;
  configAdminIds: Iterable<number>;
  /** How long the in-memory copy of the admins table behind {@link mayBeAdmin} is trusted (default 30 s). */
  refreshMs?: number;
  now?: () => number;
}

/** Creates the admin service over the admins table and the configured ids. */
export function createAdminService({ repo, configAdminIds, refreshMs = 30_000, now = Date.now }: AdminServiceOptions) {
  const fixed = new Set(configAdminIds);
  // The admins table as last read. Only a hint for skipping work (see mayBeAdmin): every right is
  // granted by isAdmin, which asks the database.
  let known: Set<number> | undefined;
  let loadedAt = 0;
  let loading: Promise<Set<number>> | undefined;
  // What this service learnt while a read was under way: the read may predate it.
  const learntDuringLoad = new Map<number, boolean>();

  function reload(): Promise<Set<number>> {
    loading ??= repo
      .list()
      .then((rows) => {
        const fresh = new Set(rows.map((row) => row.userId));
        for (const [userId, admin] of learntDuringLoad) void (admin ? fresh.add(userId) : fresh.delete(userId));
        known = fresh;
        loadedAt = now();
        return fresh;
      })
      .finally(() => {
        loading = undefined;
        learntDuringLoad.clear();
      });
    return loading;
  }

  /** Keeps the hint in line with what the database just said about one user. */
  function note(userId: number, admin: boolean) {
    if (loading) learntDuringLoad.set(userId, admin);
    if (admin) known?.add(userId);
    else known?.delete(userId);
  }

  return {
    /** The authoritative check: ADMIN_IDS, else a row in the admins table (one query). */
    async isAdmin(userId: number): Promise<boolean> {
      if (fixed.has(userId)) return true;
      const admin = await repo.isAdmin(userId);
      note(userId, admin);
      return admin;
    },

    /**
     * A fast answer from memory: ADMIN_IDS and the admins table as read at most `refreshMs` ago
     * (the first call reads it; later calls refresh it in the background), kept current by every
     * change and check made through this service. It may lag behind changes made by another
     * process, so it only decides whether admin-only work (loading /post conversation state) is
     * worth doing; it never grants anything.
     */
    async mayBeAdmin(userId: number): Promise<boolean> {
      if (fixed.has(userId)) return true;
      const admins = known ?? (await reload());
      // A failed background refresh keeps the last known admins; the next call tries again.
      if (now() - loadedAt > refreshMs) reload().catch(() => {});
      return admins.has(userId);
    },

    /** Configured admins first, then the added ones in the order they were added. */
    async list(): Promise<AdminEntry[]> {
      const added = (await repo.list()).filter((row) => !fixed.has(row.userId));
      return [
        ...[...fixed].map((userId) => ({ userId, source: "config" as const, addedBy: null })),
        ...added.map((row) => ({ userId: row.userId, source: "added" as const, addedBy: row.addedBy })),
      ];
    },

    async add(userId: number, addedBy: number | null): Promise<AddResult> {
      if (fixed.has(userId)) return "already-admin";
      const added = await repo.add(userId, addedBy);
      note(userId, true);
      return added ? "added" : "already-admin";
    },

    /** ADMIN_IDS cannot be removed from Telegram: they come back with every start. */
    async remove(userId: number): Promise<RemoveResult> {
      if (fixed.has(userId)) return "config-admin";
      const removed = await repo.remove(userId);
      note(userId, false);
      return removed ? "removed" : "not-admin";
    },
  };
}

export type AdminService = ReturnType<typeof createAdminService>;

/** Parses a Telegram user id typed by an admin: a positive whole number of at most 15 digits. */
export function parseUserId(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d{1,15}$/.test(trimmed)) return undefined;
  const id = Number(trimmed);
  return id > 0 ? id : undefined;
}
