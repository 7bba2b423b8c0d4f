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

/** Creates the admin service over the admins table and the configured ids. */
export function createAdminService({ repo, configAdminIds }: { repo: AdminRepository; configAdminIds: Iterable<number> }) {
  const fixed = new Set(configAdminIds);
  return {
    async isAdmin(userId: number): Promise<boolean> {
      return fixed.has(userId) || (await repo.isAdmin(userId));
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
      return (await repo.add(userId, addedBy)) ? "added" : "already-admin";
    },

    /** ADMIN_IDS cannot be removed from Telegram: they come back with every start. */
    async remove(userId: number): Promise<RemoveResult> {
      if (fixed.has(userId)) return "config-admin";
      return (await repo.remove(userId)) ? "removed" : "not-admin";
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
