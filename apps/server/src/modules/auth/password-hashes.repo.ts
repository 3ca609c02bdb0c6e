import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { accounts } from '../../db/schema/index.ts';

/** Stored password hashes: only the rehash-on-login upgrade writes here; better-auth owns every other write. */
export function createPasswordHashesRepo(db: Db) {
  return {
    /** Compare-and-set: replaces the hash only if it is still the one just verified. */
    async replace(oldHash: string, newHash: string): Promise<void> {
      await db
        .update(accounts)
        .set({ password: newHash, updatedAt: new Date() })
        .where(and(eq(accounts.providerId, 'credential'), eq(accounts.password, oldHash)));
    },
  };
}
