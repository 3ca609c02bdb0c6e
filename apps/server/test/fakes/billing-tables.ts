import { randomUUID } from 'node:crypto';
import { formatNumber } from '../../src/db/sequences.ts';
import type { adminTasks, billingNotices, jobRuns, orders } from '../../src/db/schema/index.ts';
import type { IssuingRepo } from '../../src/modules/billing/billing.issuing.ts';
import type {
  BillingUserRow,
  InvoiceItemRow,
  InvoiceRow,
  TransactionRow,
} from '../../src/modules/billing/billing.repo.ts';
import { invoiceRow, transactionRow, type VpsRow } from './billing-rows.ts';

/**
 * The tables of the in-memory billing world (`billing.ts`) and the repository methods that only read and write rows
 * by key: admin tasks, recorded job runs, invoices, items, transactions and number sequences. The lifecycle's
 * selections, which filter across tables as their queries do, stay in `billing.ts`.
 */

export type OrderRow = typeof orders.$inferSelect;
export type NoticeRow = typeof billingNotices.$inferSelect;
export type TaskRow = typeof adminTasks.$inferSelect;
export type JobRunRow = typeof jobRuns.$inferSelect;

export interface Product {
  id: string;
  name: string;
  price: number;
  currency: string;
}

export interface Tables {
  users: BillingUserRow[];
  products: Product[];
  orders: OrderRow[];
  services: VpsRow[];
  invoices: InvoiceRow[];
  items: InvoiceItemRow[];
  transactions: TransactionRow[];
  notices: NoticeRow[];
  tasks: TaskRow[];
  runs: JobRunRow[];
  sequences: Record<string, number>;
}

/** `tables` is read on every call: a rolled-back transaction replaces the tables object. */
export function rowsRepo(tables: () => Tables) {
  return {
    // Admin tasks and recorded runs (billing.tasks.repo.ts).
    async insertTask(_tx: unknown, row: typeof adminTasks.$inferInsert) {
      if (row.key && tables().tasks.some((task) => task.key === row.key)) return undefined;
      const task: TaskRow = {
        id: randomUUID(),
        key: null,
        vpsInstanceId: null,
        status: 'open',
        params: null,
        notes: null,
        doneBy: null,
        doneAt: null,
        createdAt: new Date(),
        ...row,
      };
      tables().tasks.push(task);
      return task;
    },
    async updateTask(id: string, patch: Partial<TaskRow>) {
      const row = tables().tasks.find((task) => task.id === id);
      return row ? Object.assign(row, patch) : undefined;
    },
    async findTask(id: string) {
      return tables().tasks.find((task) => task.id === id);
    },
    async startJobRun(job: string, runKey: string, startedAt: Date) {
      const run: JobRunRow = {
        id: randomUUID(),
        job,
        runKey,
        status: 'running',
        counts: {},
        error: null,
        startedAt,
        finishedAt: null,
      };
      tables().runs.push(run);
      return run;
    },
    async finishJobRun(
      id: string,
      patch: { status: string; counts: Record<string, number>; error?: string | null; finishedAt: Date },
    ) {
      return Object.assign(
        tables().runs.find((r) => r.id === id)!,
        patch,
      );
    },
    async lastJobRuns(job: string, limit = 10) {
      return tables()
        .runs.filter((r) => r.job === job)
        .sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime())
        .slice(0, limit);
    },

    // Invoice rows (billing.invoices.repo.ts).
    async findUser(_tx: unknown, id: string) {
      return tables().users.find((u) => u.id === id);
    },
    async findById(id: string) {
      return tables().invoices.find((i) => i.id === id);
    },
    async items(invoiceId: string) {
      return tables()
        .items.filter((i) => i.invoiceId === invoiceId)
        .sort((a, b) => a.sortOrder - b.sortOrder);
    },
    async creditNotesOf(invoiceId: string) {
      return tables().invoices.filter((i) => i.referenceInvoiceId === invoiceId && i.type === 'credit_note');
    },
    async transactionsOf(invoiceIds: string[]) {
      return tables().transactions.filter((x) => x.invoiceId !== null && invoiceIds.includes(x.invoiceId));
    },
    async lockInvoice(_tx: unknown, id: string) {
      return tables().invoices.find((i) => i.id === id);
    },
    async findByIdempotencyKey(_tx: unknown, key: string) {
      return tables().invoices.find((i) => i.idempotencyKey === key);
    },
    async insertInvoice(_tx: unknown, row: Partial<InvoiceRow> & { userId: string; currency: string }) {
      if (row.idempotencyKey && tables().invoices.some((i) => i.idempotencyKey === row.idempotencyKey))
        return undefined;
      const inserted = invoiceRow(row);
      tables().invoices.push(inserted);
      return inserted;
    },
    async updateInvoice(_tx: unknown, id: string, patch: Partial<InvoiceRow>) {
      const row = tables().invoices.find((i) => i.id === id);
      return row ? Object.assign(row, patch) : undefined;
    },
    async insertItems(_tx: unknown, rows: Array<Omit<InvoiceItemRow, 'sortOrder'> & { sortOrder?: number }>) {
      for (const row of rows) tables().items.push({ sortOrder: 0, ...row });
    },
    async linkTransaction(_tx: unknown, transactionId: string, invoiceId: string) {
      const row = tables().transactions.find((x) => x.id === transactionId);
      if (row) row.invoiceId = invoiceId;
    },
    async insertTransaction(_tx: unknown, row: Partial<TransactionRow> & Pick<TransactionRow, 'userId'>) {
      const inserted = transactionRow({ provider: 'manual', amountMinor: 0, currency: 'EUR', ...row });
      tables().transactions.push(inserted);
      return inserted;
    },
    async nextNumber(_tx: unknown, scope: string, prefix: string, year: number) {
      const key = `${scope}:${year}`;
      const { sequences } = tables();
      sequences[key] = (sequences[key] ?? 0) + 1;
      return formatNumber(prefix, year, sequences[key]);
    },
    async ordersForInvoice(): Promise<Awaited<ReturnType<IssuingRepo['ordersForInvoice']>>> {
      throw new Error('not in the billing world: orders are invoiced over the database tests');
    },
    async paymentForOrder() {
      return undefined;
    },
  };
}
