import { and, asc, eq, inArray, ne, or, isNull, sql } from 'drizzle-orm';
import { unitOfWork, type Db, type DbOrTx, type Tx } from '../../db/client.ts';
import { sessions, users } from '../../db/schema/index.ts';
import { STAFF_ROLES } from '../auth/permissions.ts';

export type StaffRow = typeof users.$inferSelect;

/** Staff members are users whose role is a staff role; disabling one is a ban (refused on every request). */
export function createStaffRepo(db: Db) {
  return {
    transaction: unitOfWork(db),
    async list(): Promise<StaffRow[]> {
      return db
        .select()
        .from(users)
        .where(inArray(users.role, [...STAFF_ROLES]))
        .orderBy(asc(users.createdAt), asc(users.email));
    },
    async find(id: string, tx: DbOrTx = db): Promise<StaffRow | undefined> {
      const [row] = await tx.select().from(users).where(eq(users.id, id));
      return row;
    },
    /**
     * Locks the administrators' rows until the transaction ends, so two parallel demotions (or disables) cannot both
     * see another enabled administrator.
     */
    async lockAdmins(tx: Tx): Promise<void> {
      await tx.execute(sql`select id from users where role = 'admin' for update`);
    },
    /** Whether an enabled administrator other than `id` exists. */
    async anotherEnabledAdmin(tx: DbOrTx, id: string): Promise<boolean> {
      const [other] = await tx
        .select({ id: users.id })
        .from(users)
        .where(
          and(eq(users.role, 'admin'), ne(users.id, id), or(isNull(users.banned), eq(users.banned, false))),
        )
        .limit(1);
      return Boolean(other);
    },
    async update(tx: DbOrTx, id: string, values: { role?: string; banned?: boolean }): Promise<void> {
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
    },
    async endSessions(tx: DbOrTx, id: string): Promise<void> {
      await tx.delete(sessions).where(eq(sessions.userId, id));
    },
  };
}

export type StaffRepo = ReturnType<typeof createStaffRepo>;
