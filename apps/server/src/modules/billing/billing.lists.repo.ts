import { and, asc, count, desc, eq, gte, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { pageTotal } from '../../lib/pagination.ts';
import { invoices, transactions, users } from '../../db/schema/index.ts';

export interface AdminInvoiceFilter {
  status?: string;
  type?: string;
  search?: string;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

/** `unpaid` means invoices (not credit notes) issued or overdue; anything else is the status itself. */
function statusCondition(status: string | undefined): SQL | undefined {
  if (!status) return undefined;
  if (status === 'unpaid')
    return and(inArray(invoices.status, ['issued', 'overdue']), eq(invoices.type, 'invoice'));
  return eq(invoices.status, status);
}

/**
 * A credit note's invoice number, read alongside the row. The outer column is written out in full: in a select from
 * one table Drizzle leaves columns unqualified, which inside this subquery would mean `r`'s own column.
 */
const referenceNumber = sql<string | null>`(select r.invoice_number from invoices r
  where r.id = "invoices"."reference_invoice_id")`;

/** The invoice lists people read: the customer's, the admin's, the customer's balance and the accounting export. */
export function createInvoiceListsRepo(db: Db) {
  // The customer's invoice list without a status filter (the panel's default view): prepared once.
  const visibleToCustomer = and(
    eq(invoices.userId, sql.placeholder('userId')),
    sql`${invoices.status} <> 'draft'`,
  );
  // Each page carries its total (`count(*) over ()`, see pageTotal): one query, not a page and a count.
  const pageColumns = { invoice: invoices, referenceNumber, total: sql<string>`count(*) over ()` };
  const unfilteredPage = db
    .select(pageColumns)
    .from(invoices)
    .where(visibleToCustomer)
    .orderBy(desc(invoices.issuedAt), desc(invoices.invoiceNumber))
    .limit(sql.placeholder('limit'))
    .offset(sql.placeholder('offset'))
    .prepare('invoices_page_for_user');
  const unfilteredCount = db
    .select({ n: count() })
    .from(invoices)
    .where(visibleToCustomer)
    .prepare('invoices_count_for_user');

  return {
    async listForUser(userId: string, status: string | undefined, limit: number, offset: number) {
      if (!status) {
        const rows = await unfilteredPage.execute({ userId, limit, offset });
        const total = await pageTotal(
          rows,
          offset,
          async () => (await unfilteredCount.execute({ userId }))[0]?.n ?? 0,
        );
        return { rows, total };
      }
      const where = and(
        eq(invoices.userId, userId),
        sql`${invoices.status} <> 'draft'`,
        statusCondition(status),
      );
      const rows = await db
        .select(pageColumns)
        .from(invoices)
        .where(where)
        .orderBy(desc(invoices.issuedAt), desc(invoices.invoiceNumber))
        .limit(limit)
        .offset(offset);
      const total = await pageTotal(
        rows,
        offset,
        async () => (await db.select({ n: count() }).from(invoices).where(where))[0]?.n ?? 0,
      );
      return { rows, total };
    },

    /** What the customer owes: unpaid invoices per currency, the overdue ones and the next due date. */
    async unpaidSummary(userId: string) {
      return db
        .select({
          currency: invoices.currency,
          count: count(),
          overdue: sql<number>`count(*) filter (where ${invoices.status} = 'overdue')`.mapWith(Number),
          totalMinor: sql<number>`coalesce(sum(${invoices.totalMinor}), 0)`.mapWith(Number),
          nextDueAt: sql<Date | null>`min(${invoices.dueAt})`.mapWith((v) =>
            v ? new Date(v as string) : null,
          ),
          firstId: sql<string | null>`(array_agg(${invoices.id} order by ${invoices.dueAt} asc))[1]`,
        })
        .from(invoices)
        .where(
          and(
            eq(invoices.userId, userId),
            inArray(invoices.status, ['issued', 'overdue']),
            eq(invoices.type, 'invoice'),
          ),
        )
        .groupBy(invoices.currency);
    },

    async listForAdmin(filter: AdminInvoiceFilter) {
      const conditions: SQL[] = [];
      const byStatus = statusCondition(filter.status);
      if (byStatus) conditions.push(byStatus);
      if (filter.type) conditions.push(eq(invoices.type, filter.type));
      if (filter.from) conditions.push(gte(invoices.issuedAt, filter.from));
      if (filter.to) conditions.push(lt(invoices.issuedAt, filter.to));
      if (filter.search) {
        const like = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        conditions.push(or(ilike(invoices.invoiceNumber, like), ilike(users.email, like))!);
      }
      const where = conditions.length ? and(...conditions) : undefined;
      const [rows, [total]] = await Promise.all([
        db
          .select({ invoice: invoices, email: users.email, referenceNumber })
          .from(invoices)
          .innerJoin(users, eq(users.id, invoices.userId))
          .where(where)
          .orderBy(desc(invoices.issuedAt), desc(invoices.invoiceNumber))
          .limit(filter.limit)
          .offset(filter.offset),
        db.select({ n: count() }).from(invoices).innerJoin(users, eq(users.id, invoices.userId)).where(where),
      ]);
      return { rows, total: total?.n ?? 0 };
    },

    async invoicesIssuedBetween(from: Date, to: Date) {
      return db
        .select({ invoice: invoices, email: users.email, referenceNumber })
        .from(invoices)
        .innerJoin(users, eq(users.id, invoices.userId))
        .where(and(gte(invoices.issuedAt, from), lt(invoices.issuedAt, to)))
        .orderBy(asc(invoices.issuedAt), asc(invoices.invoiceNumber));
    },

    async transactionsBetween(from: Date, to: Date) {
      return db
        .select({ tx: transactions, email: users.email, invoiceNumber: invoices.invoiceNumber })
        .from(transactions)
        .innerJoin(users, eq(users.id, transactions.userId))
        .leftJoin(invoices, eq(invoices.id, transactions.invoiceId))
        .where(and(gte(transactions.createdAt, from), lt(transactions.createdAt, to)))
        .orderBy(asc(transactions.createdAt), asc(transactions.id));
    },
  };
}

export type InvoiceListsRepo = ReturnType<typeof createInvoiceListsRepo>;
