import { and, count, desc, eq, gt, isNull, notExists, or, sql } from 'drizzle-orm';
import { queryRows, type Db, type DbOrTx } from '../../db/client.ts';
import { notificationReads, notifications } from '../../db/schema/index.ts';
import type { EventBus } from '../../events/bus.ts';
import { notFound } from '../../lib/errors.ts';
import type { AuthUser } from '../auth/auth.authenticator.ts';
import { can } from '../auth/permissions.ts';

export interface NewNotification {
  /** A user's own notification, or `null` with audience `admins` for every staff member with the bell. */
  userId: string | null;
  audience?: 'user' | 'admins';
  type: string;
  title: string;
  body?: string;
  link?: string | null;
  /** The values the web renders `notices.<type>` with; `title`/`body` are then only a fallback. */
  params?: Record<string, string | number> | null;
}

/**
 * The bell: in-app notifications for one user, or for the whole staff (`audience = 'admins'`), each marked read per
 * user in `notification_reads`. `notify` writes one inside the caller's transaction; `announce` (after the commit)
 * pushes "something new" over the live bus to every instance, where open bells refresh their count.
 */
export function createNotificationsService(deps: { db: Db; events: EventBus }) {
  const { db, events } = deps;

  const visibleTo = (user: AuthUser) =>
    can(user.role, 'notifications.staff')
      ? or(eq(notifications.userId, user.id), eq(notifications.audience, 'admins'))
      : and(eq(notifications.userId, user.id), eq(notifications.audience, 'user'));

  const unreadBy = (user: AuthUser) =>
    notExists(
      db
        .select({ one: sql`1` })
        .from(notificationReads)
        .where(
          and(eq(notificationReads.notificationId, notifications.id), eq(notificationReads.userId, user.id)),
        ),
    );

  async function unreadCount(user: AuthUser): Promise<number> {
    const [row] = await db
      .select({ n: count() })
      .from(notifications)
      .where(and(visibleTo(user), unreadBy(user), isNull(notifications.readAt)));
    return Number(row?.n ?? 0);
  }

  const audienceOf = (note: NewNotification) => note.audience ?? (note.userId ? 'user' : 'admins');

  async function notify(note: NewNotification, tx: DbOrTx = db): Promise<void> {
    await tx.insert(notifications).values({
      userId: note.userId,
      audience: audienceOf(note),
      type: note.type,
      title: note.title.slice(0, 255),
      body: note.body ?? '',
      link: note.link ?? null,
      params: note.params ?? null,
    });
  }

  async function announce(target: { userId: string | null; audience: 'user' | 'admins' }): Promise<void> {
    await events.publishSystem({ type: 'notification.created', ...target });
  }

  return {
    notify,
    announce,

    /** Outside any transaction: writes the notification and rings its bell. */
    async send(note: NewNotification): Promise<void> {
      await notify(note);
      await announce({ userId: note.userId, audience: audienceOf(note) });
    },

    /**
     * Writes a staff notification of this type unless one was written since `since` (one statement, so a burst in
     * this process cannot write two; two instances racing may each write one). True when it was written.
     */
    async notifyStaffOnce(
      note: Omit<NewNotification, 'userId' | 'audience'>,
      since: Date,
      now: Date,
    ): Promise<boolean> {
      const recent = db
        .select({ one: sql`1` })
        .from(notifications)
        .where(
          and(
            eq(notifications.audience, 'admins'),
            eq(notifications.type, note.type),
            gt(notifications.createdAt, since),
          ),
        );
      const written = await queryRows<{ id: string }>(
        db,
        sql`
        insert into notifications (audience, type, title, body, link, params, created_at)
        select 'admins', ${note.type}, ${note.title.slice(0, 255)}, ${note.body ?? ''}, ${note.link ?? null},
               ${note.params ? JSON.stringify(note.params) : null}::jsonb, ${now.toISOString()}::timestamptz
        where not exists (${recent})
        returning id`,
      );
      return written.length > 0;
    },

    unreadCount,

    async list(user: AuthUser, limit: number) {
      const rows = await db
        .select({ n: notifications, readId: notificationReads.userId })
        .from(notifications)
        .leftJoin(
          notificationReads,
          and(eq(notificationReads.notificationId, notifications.id), eq(notificationReads.userId, user.id)),
        )
        .where(visibleTo(user))
        .orderBy(desc(notifications.createdAt), desc(notifications.id))
        .limit(limit);
      return {
        unread: await unreadCount(user),
        items: rows.map(({ n, readId }) => ({
          id: n.id,
          type: n.type,
          title: n.title,
          body: n.body,
          link: n.link,
          params: n.params ?? null,
          read: Boolean(readId) || n.readAt !== null,
          createdAt: n.createdAt.toISOString(),
        })),
      };
    },

    async markRead(user: AuthUser, id: string) {
      const [row] = await db
        .select({ id: notifications.id })
        .from(notifications)
        .where(and(eq(notifications.id, id), visibleTo(user)));
      if (!row) throw notFound('Notification');
      await db
        .insert(notificationReads)
        .values({ notificationId: id, userId: user.id })
        .onConflictDoNothing();
      return { unread: await unreadCount(user) };
    },

    async markAllRead(user: AuthUser) {
      await db.execute(sql`
        insert into notification_reads (notification_id, user_id)
        select ${notifications.id}, ${user.id}::uuid from ${notifications}
        where ${visibleTo(user)}
        on conflict do nothing`);
      return { unread: 0 };
    },

    /** Whether a `notification.created` event concerns this user's bell. */
    concerns(user: AuthUser, event: { userId: string | null; audience: string }): boolean {
      return (
        event.userId === user.id || (event.audience === 'admins' && can(user.role, 'notifications.staff'))
      );
    },
  };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;
