import { date, integer, pgTable } from 'drizzle-orm/pg-core';

/**
 * Unpaid invoices (type invoice, issued or overdue, with a due date) per due day (UTC), kept by triggers on
 * `invoices` in the same transaction as the change (migration 0006; `unpaid_invoice_days_rebuild()` after a bulk
 * load with triggers off). The console's "unpaid past due" alert counts the days before today from here and only
 * today's invoices from the invoices themselves, instead of counting every unpaid invoice on each request.
 */
export const unpaidInvoiceDays = pgTable('unpaid_invoice_days', {
  day: date('day', { mode: 'string' }).primaryKey(),
  invoices: integer('invoices').notNull(),
});
