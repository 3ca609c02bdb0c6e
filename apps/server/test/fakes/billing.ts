import { randomUUID } from 'node:crypto';
import type { Tx } from '../../src/db/client.ts';
import type { billingNotices } from '../../src/db/schema/index.ts';
import type { CreditNotesRepo } from '../../src/modules/billing/billing.credit-notes.ts';
import type { IssuingRepo } from '../../src/modules/billing/billing.issuing.ts';
import type { BillingLifecycleRepo } from '../../src/modules/billing/billing.lifecycle.context.ts';
import type { BillingUserRow, InvoiceItemRow, InvoiceRow } from '../../src/modules/billing/billing.repo.ts';
import { invoiceRow, serviceRow, userRow, type VpsRow } from './billing-rows.ts';
import { rowsRepo, type Product, type Tables } from './billing-tables.ts';

export { invoiceRow, memorySettings, serviceRow, userRow } from './billing-rows.ts';
export type { Product } from './billing-tables.ts';

/**
 * An in-memory billing world for the unit tier: the rows the lifecycle and invoice issuing read and write, behind the
 * repository methods they call. Each method filters the tables as its query's `where` does; `transaction` rolls every
 * table back when the work throws (as the database would). Single-threaded, so a row lock is a plain read.
 */

/** Handed to repository methods as the transaction; the in-memory tables ignore it. */
const IN_MEMORY_TX = {} as Tx;

const at = (date: Date | null | undefined) => (date ? date.getTime() : NaN);
const OPEN = ['issued', 'overdue'];

export function createBillingWorld() {
  let t: Tables = {
    users: [],
    products: [],
    orders: [],
    services: [],
    invoices: [],
    items: [],
    transactions: [],
    notices: [],
    tasks: [],
    runs: [],
    sequences: {},
  };
  const userOf = (id: string) => t.users.find((u) => u.id === id)!;
  const serviceOf = (id: string | null) => t.services.find((s) => s.id === id);
  const openInvoices = (vpsId: string) =>
    t.invoices.filter((i) => i.vpsInstanceId === vpsId && i.type === 'invoice' && OPEN.includes(i.status));
  const voidRow = (invoice: InvoiceRow, now: Date) =>
    Object.assign(invoice, {
      status: 'void',
      voidedAt: now,
      idempotencyKey: `${invoice.idempotencyKey}:void:${invoice.id}`,
    });
  /** A service with what its renewal line describes (order, plan, price, region) and who it is for. */
  const renewalRow = (vps: VpsRow) => {
    const product = t.products.find((p) => p.id === vps.productId);
    return {
      vps,
      order: t.orders.find((o) => o.id === vps.orderId) ?? null,
      plan: product?.name ?? null,
      price: product?.price ?? null,
      productCurrency: product?.currency ?? null,
      regionName: vps.region ? `Region ${vps.region}` : null,
      regionSurcharge: null,
      // No licensed images in this world: a renewal carries no licence line.
      image: null,
      user: userOf(vps.userId),
    };
  };
  const withService = (invoice: InvoiceRow) => {
    const vps = serviceOf(invoice.vpsInstanceId);
    return vps ? [{ invoice, vps, user: userOf(invoice.userId) }] : [];
  };

  const repo = {
    async transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
      const before = structuredClone(t);
      try {
        return await work(IN_MEMORY_TX);
      } catch (error) {
        t = before;
        throw error;
      }
    },

    // Lifecycle selections (billing.lifecycle.repo.ts).
    async servicesDueForRenewal(until: Date) {
      return t.services
        .filter(
          (s) =>
            s.serviceStatus === 'active' &&
            s.autoRenew &&
            !s.cancelAtPeriodEnd &&
            at(s.expiresAt) <= until.getTime() &&
            !t.invoices.some(
              (i) =>
                i.vpsInstanceId === s.id &&
                i.type === 'invoice' &&
                i.status !== 'void' &&
                at(i.periodStart) === at(s.expiresAt),
            ),
        )
        .sort((a, b) => at(a.expiresAt) - at(b.expiresAt))
        .map(renewalRow);
    },
    async serviceForRenewal(vpsId: string) {
      const vps = serviceOf(vpsId);
      return vps ? renewalRow(vps) : undefined;
    },
    async invoicesToRemind(now: Date, until: Date) {
      return t.invoices
        .filter(
          (i) =>
            i.status === 'issued' &&
            i.type === 'invoice' &&
            at(i.dueAt) > now.getTime() &&
            at(i.dueAt) <= until.getTime(),
        )
        .flatMap(withService)
        .filter((r) => r.vps.serviceStatus === 'active')
        .map((r) => ({
          ...r,
          sent: t.notices.filter((n) => n.invoiceId === r.invoice.id).map((n) => n.key),
        }));
    },
    async overdueWithoutNotice() {
      return t.invoices
        .filter(
          (i) =>
            i.status === 'overdue' &&
            i.type === 'invoice' &&
            !t.notices.some((n) => n.invoiceId === i.id && n.kind === 'overdue'),
        )
        .flatMap(withService)
        .filter((r) => r.vps.serviceStatus === 'active');
    },
    async suspendedSince(cutoff: Date, withoutNoticeKind?: string) {
      return t.services
        .filter(
          (s) =>
            s.serviceStatus === 'suspended' &&
            at(s.suspendedAt) <= cutoff.getTime() &&
            !(
              withoutNoticeKind &&
              t.notices.some(
                (n) =>
                  n.vpsInstanceId === s.id &&
                  n.kind === withoutNoticeKind &&
                  n.createdAt.getTime() >= at(s.suspendedAt),
              )
            ),
        )
        .flatMap((vps): Array<{ vps: VpsRow; user: BillingUserRow; invoice: InvoiceRow | null }> => {
          const open = openInvoices(vps.id);
          const user = userOf(vps.userId);
          return open.length
            ? open.map((invoice) => ({ vps, user, invoice }))
            : [{ vps, user, invoice: null }];
        });
    },
    async endingAtPeriodEnd(now: Date) {
      return t.services
        .filter(
          (s) =>
            s.serviceStatus === 'active' &&
            (s.cancelAtPeriodEnd || !s.autoRenew) &&
            at(s.expiresAt) <= now.getTime(),
        )
        .map((vps) => ({ vps, user: userOf(vps.userId) }));
    },
    async insertNotice(_tx: unknown, row: typeof billingNotices.$inferInsert): Promise<boolean> {
      if (t.notices.some((n) => n.key === row.key)) return false;
      t.notices.push({
        id: randomUUID(),
        userId: null,
        invoiceId: null,
        vpsInstanceId: null,
        createdAt: new Date(),
        ...row,
      });
      return true;
    },
    async voidOpenInvoicesOf(_tx: unknown, vpsId: string, now: Date) {
      return t.invoices
        .filter((i) => i.vpsInstanceId === vpsId && OPEN.includes(i.status))
        .map((i) => ({ id: voidRow(i, now).id }));
    },
    async voidUpcomingRenewals(_tx: unknown, vpsId: string, now: Date) {
      return t.invoices
        .filter(
          (i) =>
            i.vpsInstanceId === vpsId &&
            i.status === 'issued' &&
            i.type === 'invoice' &&
            at(i.dueAt) > now.getTime(),
        )
        .map((i) => ({ id: voidRow(i, now).id }));
    },
    async openInvoicesOf(vpsIds: string[]) {
      return vpsIds.flatMap(openInvoices).sort((a, b) => at(a.dueAt) - at(b.dueAt));
    },
    async markOverdue(now: Date): Promise<number> {
      const due = t.invoices.filter((i) => i.status === 'issued' && at(i.dueAt) < now.getTime());
      for (const invoice of due) invoice.status = 'overdue';
      return due.length;
    },
    async unpaidServiceInvoicesDueBefore(cutoff: Date) {
      return t.invoices
        .filter((i) => OPEN.includes(i.status) && i.type === 'invoice' && at(i.dueAt) < cutoff.getTime())
        .flatMap(withService)
        .filter((r) => r.vps.serviceStatus === 'active');
    },
    async findService(id: string) {
      return serviceOf(id);
    },
    async lockService(_tx: unknown, id: string) {
      return serviceOf(id);
    },
    async updateService(_tx: unknown, id: string, patch: Partial<VpsRow>) {
      const row = serviceOf(id);
      return row ? Object.assign(row, patch) : undefined;
    },

    ...rowsRepo(() => t),
  } satisfies BillingLifecycleRepo & IssuingRepo & CreditNotesRepo;

  return {
    repo,
    /** The current tables (read them after the work; they are replaced on a rollback). */
    get tables(): Tables {
      return t;
    },
    addUser(overrides: Partial<BillingUserRow> = {}) {
      const user = userRow(overrides);
      t.users.push(user);
      return user;
    },
    addProduct(product: Omit<Product, 'id'>) {
      const row = { id: randomUUID(), ...product };
      t.products.push(row);
      return row;
    },
    addService(overrides: Partial<VpsRow> & { userId: string }) {
      const vps = serviceRow(overrides);
      t.services.push(vps);
      return vps;
    },
    addInvoice(overrides: Partial<InvoiceRow> & { userId: string }) {
      const invoice = invoiceRow(overrides);
      t.invoices.push(invoice);
      return invoice;
    },
    addItem(item: Omit<InvoiceItemRow, 'id'> & { id?: string }) {
      const row = { id: randomUUID(), ...item };
      t.items.push(row);
      return row;
    },
    service: (id: string) => serviceOf(id)!,
    invoicesOf: (vpsId: string) => t.invoices.filter((i) => i.vpsInstanceId === vpsId),
  };
}

export type BillingWorld = ReturnType<typeof createBillingWorld>;
