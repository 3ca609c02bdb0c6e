import { createHash, randomBytes } from 'node:crypto';
import { and, count, desc, eq, gt, or, sql, type SQL } from 'drizzle-orm';
import { queryRows, unitOfWork, type Db, type DbOrTx, type Tx } from '../../db/client.ts';
import {
  auditLog,
  customerNotes,
  invoices,
  orders,
  products,
  sessions,
  sshKeys,
  supportTickets,
  transactions,
  twoFactors,
  users,
  vpsInstances,
} from '../../db/schema/index.ts';
import { ledgerAmount, ledgerFactor } from '../reports/ledger.sql.ts';
import type { TCustomerListQuery, TProfilePatch } from './customers.schemas.ts';

const DETAIL_LIMIT = 100;

export interface CustomerListRow {
  id: string;
  email: string;
  name: string;
  phone: string | null;
  country: string | null;
  email_verified: boolean;
  banned: boolean | null;
  created_at: string | Date;
  last_login_at: string | Date | null;
  services: number;
  active_services: number;
  spend: number | null;
  total: number;
}

const FILTERS: Record<NonNullable<TCustomerListQuery['filter']>, SQL> = {
  active: sql`exists (select 1 from vps_instances v where v.user_id = u.id and v.service_status = 'active')`,
  suspended: sql`exists (select 1 from vps_instances v where v.user_id = u.id and v.service_status = 'suspended')`,
  unpaid: sql`exists (select 1 from invoices i where i.user_id = u.id and i.type = 'invoice'
    and i.status in ('issued', 'overdue'))`,
  unverified: sql`u.email_verified = false`,
  banned: sql`coalesce(u.banned, false) = true`,
};

/** The sort key of the page query, and what it needs joined to compute it for every customer. */
const SORTS: Record<TCustomerListQuery['sort'], { value: SQL; needs: 'none' | 'spend' | 'services' }> = {
  created: { value: sql`u.created_at`, needs: 'none' },
  spend: { value: sql`coalesce(m.spend, 0)`, needs: 'spend' },
  services: { value: sql`coalesce(s.services, 0)`, needs: 'services' },
};

/** What a customer spent: paid invoices minus credit notes, in the base currency (the sales ledger's rule). */
const spendOf = (money: { base: string; rates: Record<string, number> }) =>
  sql`sum(case when l.type = 'invoice' then 1 else -1 end * ${ledgerAmount('total', money.base)})`;

/** The customers' queries. Staff accounts (any role but `customer`) are never customers here. */
export function createCustomersRepo(db: Db) {
  return {
    transaction: unitOfWork(db),

    async list(
      q: Pick<TCustomerListQuery, 'search' | 'filter' | 'sort' | 'order'>,
      page: { limit: number; offset: number },
      money: { base: string; rates: Record<string, number> },
    ): Promise<CustomerListRow[]> {
      const conditions: SQL[] = [sql`u.role = 'customer'`];
      if (q.search) {
        const term = q.search.replace(/[%_\\]/g, '');
        const like = `%${term}%`;
        conditions.push(sql`(u.email ilike ${like} or u.name ilike ${like} or u.phone ilike ${like}
          or (u.first_name || ' ' || u.last_name) ilike ${like}
          or exists (select 1 from orders o where o.user_id = u.id and o.order_number ilike ${like})
          or exists (select 1 from invoices i where i.user_id = u.id and i.invoice_number ilike ${like})
          or exists (select 1 from vps_instances v where v.user_id = u.id
            and (v.ip_address = ${term} or v.ip_v6_address = ${term.toLowerCase()})))`);
      }
      if (q.filter) conditions.push(FILTERS[q.filter]);
      const direction = q.order === 'asc' ? sql`asc` : sql`desc`;
      const sort = SORTS[q.sort];
      // The page is chosen first (joining the spend or the service count of every customer only when sorting by
      // it), then only its rows get their figures: a page of 20 never aggregates the figures of 20,000 customers.
      const sortJoin =
        sort.needs === 'spend'
          ? sql`left join (select l.user_id, ${spendOf(money)} as spend from sales_ledger l
              ${ledgerFactor(money.base, money.rates)} group by l.user_id) m on m.user_id = u.id`
          : sort.needs === 'services'
            ? sql`left join (select v.user_id,
                count(*) filter (where v.service_status in ('active', 'suspended')) as services
              from vps_instances v group by v.user_id) s on s.user_id = u.id`
            : sql``;
      return queryRows<CustomerListRow>(
        db,
        sql`with page as (
            select u.id, ${sort.value} as sort_value, (count(*) over ())::int as total
            from users u ${sortJoin}
            where ${sql.join(conditions, sql` and `)}
            order by 2 ${direction}, u.id
            limit ${page.limit} offset ${page.offset}
          )
          select u.id, u.email, u.name, u.phone, u.country, u.email_verified, u.banned, u.created_at,
            u.last_login_at, coalesce(s.services, 0)::int as services,
            coalesce(s.active_services, 0)::int as active_services, coalesce(m.spend, 0)::float8 as spend, p.total
          from page p
          join users u on u.id = p.id
          left join lateral (
            select count(*) filter (where v.service_status in ('active', 'suspended')) as services,
              count(*) filter (where v.service_status = 'active') as active_services
            from vps_instances v where v.user_id = u.id
          ) s on true
          left join lateral (
            select ${spendOf(money)} as spend
            from sales_ledger l ${ledgerFactor(money.base, money.rates)}
            where l.user_id = u.id
          ) m on true
          order by p.sort_value ${direction}, p.id`,
      );
    },

    async findCustomer(id: string) {
      const [row] = await db
        .select()
        .from(users)
        .where(and(eq(users.id, id), eq(users.role, 'customer')));
      return row;
    },

    async detailParts(id: string, now: Date) {
      const [services, orderRows, invoiceRows, txRows, tickets, [keys], sessionRows, notes, audit] =
        await Promise.all([
          db
            .select({
              id: vpsInstances.id,
              name: sql<string | null>`coalesce(${vpsInstances.displayName}, ${vpsInstances.name})`,
              plan: products.name,
              region: vpsInstances.region,
              ipAddress: vpsInstances.ipAddress,
              status: vpsInstances.status,
              serviceStatus: vpsInstances.serviceStatus,
              expiresAt: vpsInstances.expiresAt,
            })
            .from(vpsInstances)
            .leftJoin(products, eq(products.id, vpsInstances.productId))
            .where(eq(vpsInstances.userId, id))
            .orderBy(desc(vpsInstances.createdAt))
            .limit(DETAIL_LIMIT),
          db
            .select({
              id: orders.id,
              orderNumber: orders.orderNumber,
              status: orders.status,
              createdAt: orders.createdAt,
              totalMinor: orders.totalMinor,
              currency: orders.currency,
            })
            .from(orders)
            .where(eq(orders.userId, id))
            .orderBy(desc(orders.createdAt))
            .limit(DETAIL_LIMIT),
          db
            .select({
              id: invoices.id,
              number: invoices.invoiceNumber,
              type: invoices.type,
              status: invoices.status,
              issuedAt: invoices.issuedAt,
              paidAt: invoices.paidAt,
              totalMinor: invoices.totalMinor,
              currency: invoices.currency,
            })
            .from(invoices)
            .where(eq(invoices.userId, id))
            .orderBy(desc(invoices.createdAt))
            .limit(DETAIL_LIMIT),
          db
            .select({
              id: transactions.id,
              kind: transactions.kind,
              provider: transactions.provider,
              status: transactions.status,
              amountMinor: transactions.amountMinor,
              currency: transactions.currency,
              createdAt: transactions.createdAt,
            })
            .from(transactions)
            .where(eq(transactions.userId, id))
            .orderBy(desc(transactions.createdAt))
            .limit(DETAIL_LIMIT),
          db
            .select({
              id: supportTickets.id,
              subject: supportTickets.subject,
              status: supportTickets.status,
              updatedAt: supportTickets.updatedAt,
            })
            .from(supportTickets)
            .where(eq(supportTickets.userId, id))
            .orderBy(desc(supportTickets.updatedAt))
            .limit(DETAIL_LIMIT),
          db.select({ n: count() }).from(sshKeys).where(eq(sshKeys.userId, id)),
          db
            .select({
              id: sessions.id,
              createdAt: sessions.createdAt,
              lastUsedAt: sessions.updatedAt,
              expiresAt: sessions.expiresAt,
              ipAddress: sessions.ipAddress,
              userAgent: sessions.userAgent,
              impersonatedBy: sessions.impersonatedBy,
            })
            .from(sessions)
            .where(and(eq(sessions.userId, id), gt(sessions.expiresAt, now)))
            .orderBy(desc(sessions.updatedAt)),
          db
            .select({
              id: customerNotes.id,
              body: customerNotes.body,
              authorEmail: users.email,
              createdAt: customerNotes.createdAt,
            })
            .from(customerNotes)
            .leftJoin(users, eq(users.id, customerNotes.authorId))
            .where(eq(customerNotes.userId, id))
            .orderBy(desc(customerNotes.createdAt)),
          db
            .select()
            .from(auditLog)
            .where(
              or(and(eq(auditLog.entityType, 'user'), eq(auditLog.entityId, id)), eq(auditLog.actorId, id)),
            )
            .orderBy(desc(auditLog.createdAt))
            .limit(DETAIL_LIMIT),
        ]);
      return {
        services,
        orders: orderRows,
        invoices: invoiceRows,
        transactions: txRows,
        tickets,
        sshKeyCount: keys?.n ?? 0,
        sessions: sessionRows,
        notes,
        audit,
      };
    },

    async updateProfile(
      tx: DbOrTx,
      id: string,
      patch: TProfilePatch,
      current: { firstName: string; lastName: string },
    ) {
      const firstName = patch.firstName ?? current.firstName;
      const lastName = patch.lastName ?? current.lastName;
      await tx
        .update(users)
        .set({ ...patch, name: `${firstName} ${lastName}`.trim() })
        .where(eq(users.id, id));
    },

    async markVerified(tx: DbOrTx, id: string) {
      await tx.update(users).set({ emailVerified: true }).where(eq(users.id, id));
    },

    /** Both writes belong together: call it inside the service's unit of work. */
    async resetTwoFactor(tx: Tx, id: string) {
      await tx.delete(twoFactors).where(eq(twoFactors.userId, id));
      await tx.update(users).set({ twoFactorEnabled: false }).where(eq(users.id, id));
    },

    /**
     * Bans and ends every session (inside the service's unit of work, so both happen or neither): the next request
     * with any of its tokens is refused.
     */
    async ban(tx: Tx, id: string, reason: string): Promise<number> {
      await tx
        .update(users)
        .set({ banned: true, banReason: reason, banExpires: null })
        .where(eq(users.id, id));
      const ended = await tx.delete(sessions).where(eq(sessions.userId, id)).returning({ id: sessions.id });
      return ended.length;
    },

    async unban(tx: DbOrTx, id: string) {
      await tx
        .update(users)
        .set({ banned: false, banReason: null, banExpires: null })
        .where(eq(users.id, id));
    },

    async revokeSessions(tx: DbOrTx, id: string): Promise<number> {
      const ended = await tx.delete(sessions).where(eq(sessions.userId, id)).returning({ id: sessions.id });
      return ended.length;
    },

    async addNote(tx: DbOrTx, userId: string, authorId: string, body: string) {
      const [row] = await tx.insert(customerNotes).values({ userId, authorId, body }).returning();
      return row!;
    },

    /**
     * A short read-only session for a staff member viewing the panel as this customer. Its token is random and never
     * handed out (the caller gets an access token bound to the session id), so it cannot be used as a cookie.
     */
    async createViewSession(input: {
      userId: string;
      staffId: string;
      expiresAt: Date;
      ipAddress: string;
      userAgent: string | null;
    }) {
      const [row] = await db
        .insert(sessions)
        .values({
          userId: input.userId,
          // Stored like every session token, as a SHA-256 hash (here of a random value nobody ever sees).
          token: createHash('sha256').update(randomBytes(32)).digest('hex'),
          expiresAt: input.expiresAt,
          ipAddress: input.ipAddress,
          userAgent: input.userAgent,
          impersonatedBy: input.staffId,
        })
        .returning({ id: sessions.id });
      return row!;
    },
  };
}

export type CustomersRepo = ReturnType<typeof createCustomersRepo>;
