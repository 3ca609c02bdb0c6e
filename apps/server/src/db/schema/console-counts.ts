import { date, integer, pgTable } from 'drizzle-orm/pg-core';

/**
 * Counts the console reads, kept by triggers in the same transaction as the change (migration 0007), so a figure
 * adds up a few rows per day or month instead of counting every row on each request. Each has a rebuild function
 * for the way back after a bulk load with triggers off.
 */

/**
 * Unpaid invoices (type invoice, issued or overdue, with a due date) per due day (UTC), kept by triggers on
 * `invoices` (`unpaid_invoice_days_rebuild()`). The "unpaid past due" alert counts the days before today from here
 * and only today's invoices from the invoices themselves.
 */
export const unpaidInvoiceDays = pgTable('unpaid_invoice_days', {
  day: date('day', { mode: 'string' }).primaryKey(),
  invoices: integer('invoices').notNull(),
});

/**
 * Customers (role `customer`) per sign-up month (UTC), kept by triggers on `users`
 * (`customer_signup_months_rebuild()`): the dashboard's "new customers" figure and chart.
 */
export const customerSignupMonths = pgTable('customer_signup_months', {
  month: date('month', { mode: 'string' }).primaryKey(),
  customers: integer('customers').notNull(),
});
