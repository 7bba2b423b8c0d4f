/** Admins added from Telegram; the ids in ADMIN_IDS are admins without a row here. */
import { asc, eq } from "drizzle-orm";
import type { Db } from "../client.js";
import { admins } from "../schema.js";

/** Creates the admin repository. */
export function createAdminRepository({ db }: { db: Db }) {
  return {
    async isAdmin(userId: number): Promise<boolean> {
      const [row] = await db.select({ userId: admins.userId }).from(admins).where(eq(admins.userId, userId));
      return row !== undefined;
    },

    /** Adds an admin; returns false when the user already was one. */
    async add(userId: number, addedBy: number | null): Promise<boolean> {
      const rows = await db.insert(admins).values({ userId, addedBy }).onConflictDoNothing().returning({ userId: admins.userId });
      return rows.length > 0;
    },

    /** Removes an admin; returns false when the user was not one. */
    async remove(userId: number): Promise<boolean> {
      const rows = await db.delete(admins).where(eq(admins.userId, userId)).returning({ userId: admins.userId });
      return rows.length > 0;
    },

    async list(): Promise<{ userId: number; addedBy: number | null; createdAt: Date }[]> {
      return db.select().from(admins).orderBy(asc(admins.createdAt));
    },
  };
}

export type AdminRepository = ReturnType<typeof createAdminRepository>;
