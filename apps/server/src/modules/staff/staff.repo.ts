import { and, asc, eq, inArray, ne, or, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { sessions, users } from '../../db/schema/index.ts';
import { STAFF_ROLES } from '../auth/permissions.ts';

export type StaffRow = typeof users.$inferSelect;

/** Staff members are users whose role is a staff role; disabling one is a ban (refused on every request). */
export function createStaffRepo(db: Db) {
  return {
    db,
    async list(): Promise<StaffRow[]> {
      return db
        .select()
        .from(users)
        .where(inArray(users.role, [...STAFF_ROLES]))
        .orderBy(asc(users.createdAt), asc(users.email));
    },
    async find(id: string): Promise<StaffRow | undefined> {
      const [row] = await db.select().from(users).where(eq(users.id, id));
      return row;
    },
    /**
     * Changes a member unless it would leave no enabled administrator: the check and the write are one statement
     * guarded by a lock on the admin rows, so two parallel demotions cannot both pass.
     */
    async update(id: string, values: { role?: string; banned?: boolean }): Promise<'ok' | 'last_admin'> {
      return db.transaction(async (tx) => {
        await tx.execute(sql`select id from users where role = 'admin' for update`);
        const [row] = await tx.select().from(users).where(eq(users.id, id));
        if (!row) return 'ok';
        const losesAdmin =
          row.role === 'admin' && (values.role === 'support' || values.banned === true) && !row.banned;
        if (losesAdmin) {
          const [other] = await tx
            .select({ id: users.id })
            .from(users)
            .where(
              and(
                eq(users.role, 'admin'),
                ne(users.id, id),
                or(isNull(users.banned), eq(users.banned, false)),
              ),
            )
            .limit(1);
          if (!other) return 'last_admin';
        }
        await tx
          .update(users)
          .set({
            ...(values.role ? { role: values.role } : {}),
            ...(values.banned !== undefined
              ? { banned: values.banned, banReason: values.banned ? 'staff access removed' : null }
              : {}),
            updatedAt: new Date(),
          })
          .where(eq(users.id, id));
        if (values.banned) await tx.delete(sessions).where(eq(sessions.userId, id));
        return 'ok';
      });
    },
  };
}

export type StaffRepo = ReturnType<typeof createStaffRepo>;
