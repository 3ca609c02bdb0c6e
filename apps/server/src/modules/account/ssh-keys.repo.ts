import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { sshKeys } from '../../db/schema/index.ts';

export type SshKeyRow = typeof sshKeys.$inferSelect;

export function createSshKeysRepo(db: Db) {
  return {
    async list(userId: string): Promise<SshKeyRow[]> {
      return db
        .select()
        .from(sshKeys)
        .where(eq(sshKeys.userId, userId))
        .orderBy(asc(sshKeys.createdAt), asc(sshKeys.id));
    },

    /** The user's keys among `ids` (another user's keys and unknown ids are left out). */
    async findMany(userId: string, ids: string[]): Promise<SshKeyRow[]> {
      if (!ids.length) return [];
      return db
        .select()
        .from(sshKeys)
        .where(and(eq(sshKeys.userId, userId), inArray(sshKeys.id, ids)));
    },

    async find(userId: string, id: string): Promise<SshKeyRow | undefined> {
      const [row] = await db
        .select()
        .from(sshKeys)
        .where(and(eq(sshKeys.userId, userId), eq(sshKeys.id, id)));
      return row;
    },

    /** Inserts unless the user already has this fingerprint (the unique index decides, race-free). */
    async insert(values: typeof sshKeys.$inferInsert): Promise<SshKeyRow | undefined> {
      const [row] = await db.insert(sshKeys).values(values).onConflictDoNothing().returning();
      return row;
    },

    async delete(userId: string, id: string): Promise<boolean> {
      const rows = await db
        .delete(sshKeys)
        .where(and(eq(sshKeys.userId, userId), eq(sshKeys.id, id)))
        .returning({ id: sshKeys.id });
      return rows.length > 0;
    },
  };
}

export type SshKeysRepo = ReturnType<typeof createSshKeysRepo>;
