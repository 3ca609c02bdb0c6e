import { and, asc, between, count, desc, eq, inArray, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { vpsActions, vpsStatusHistory } from '../../db/schema/index.ts';

/** Status history and action counts over a time window (the statistics tab). */
export function createStatsRepo(db: Db) {
  return {
    /** The last change before `from` (the status at the window's start) and every change inside the window. */
    async statusChanges(vpsId: string, from: Date, to: Date) {
      const [before] = await db
        .select()
        .from(vpsStatusHistory)
        .where(and(eq(vpsStatusHistory.vpsInstanceId, vpsId), lt(vpsStatusHistory.createdAt, from)))
        .orderBy(desc(vpsStatusHistory.createdAt))
        .limit(1);
      const inside = await db
        .select()
        .from(vpsStatusHistory)
        .where(and(eq(vpsStatusHistory.vpsInstanceId, vpsId), between(vpsStatusHistory.createdAt, from, to)))
        .orderBy(asc(vpsStatusHistory.createdAt))
        .limit(5000);
      return { before, inside };
    },

    async actionCounts(vpsId: string, from: Date, to: Date) {
      return db
        .select({ type: vpsActions.actionType, status: vpsActions.status, n: count() })
        .from(vpsActions)
        .where(and(eq(vpsActions.vpsInstanceId, vpsId), between(vpsActions.requestedAt, from, to)))
        .groupBy(vpsActions.actionType, vpsActions.status);
    },

    /** Power and snapshot actions in the window, oldest first (the activity chart; bounded). */
    async actionsOverTime(vpsId: string, types: string[], from: Date, to: Date) {
      return db
        .select({ at: vpsActions.requestedAt, type: vpsActions.actionType, status: vpsActions.status })
        .from(vpsActions)
        .where(
          and(
            eq(vpsActions.vpsInstanceId, vpsId),
            inArray(vpsActions.actionType, types),
            between(vpsActions.requestedAt, from, to),
          ),
        )
        .orderBy(asc(vpsActions.requestedAt))
        .limit(1000);
    },
  };
}

export type StatsRepo = ReturnType<typeof createStatsRepo>;
