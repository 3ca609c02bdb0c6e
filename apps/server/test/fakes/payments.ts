import { randomUUID } from 'node:crypto';
import type { Tx, UnitOfWork } from '../../src/db/client.ts';
import type { Clock } from '../../src/lib/clock.ts';
import type {
  GatewayPayment,
  GatewayProvider,
  GatewayRefund,
  GatewayWebhookEvent,
  PaymentGateway,
  RefundRequest,
} from '../../src/integrations/payments/gateway.ts';
import type { OrderRow, OrdersRepo } from '../../src/modules/orders/orders.repo.ts';
import { transactionRow } from './billing-rows.ts';
import type {
  NewTransactionRow,
  PaymentsRepo,
  TransactionRow,
} from '../../src/modules/payments/payments.repo.ts';

/**
 * In-memory stand-ins for the unit tier of payments: the payments repository and the slice of the orders repository
 * settlement uses, over one store whose `transaction` rolls every table back when the work throws (as the database
 * would), and a scriptable gateway. Single-threaded, so a row lock is a plain read.
 */

/** Handed to repository methods as the transaction; the in-memory tables ignore it. */
const IN_MEMORY_TX = {} as Tx;

export interface AdminNote {
  type: string;
  title: string;
  body: string;
  link?: string;
}

export interface UserRow {
  id: string;
  email: string;
  name: string;
  firstName: string;
  language: string;
}

export class MemoryPaymentsStore {
  transactions = new Map<string, TransactionRow>();
  orders = new Map<string, OrderRow>();
  /** `provider:eventId` of the webhook deliveries recorded as processed. */
  webhooks = new Set<string>();
  adminNotes: AdminNote[] = [];
  orderHistory: { orderId: string; fromStatus: string | null; toStatus: string; note?: string | null }[] = [];
  users = new Map<string, UserRow>();

  constructor(readonly clock: Clock) {}

  readonly transaction: UnitOfWork = async (work) => {
    const before = structuredClone({
      transactions: this.transactions,
      orders: this.orders,
      webhooks: this.webhooks,
      adminNotes: this.adminNotes,
      orderHistory: this.orderHistory,
    });
    try {
      return await work(IN_MEMORY_TX);
    } catch (error) {
      Object.assign(this, before);
      throw error;
    }
  };

  addUser(user: Partial<UserRow> = {}): UserRow {
    const row: UserRow = {
      id: randomUUID(),
      email: 'marta@example.com',
      name: 'Marta Ruiz',
      firstName: 'Marta',
      language: 'es',
      ...user,
    };
    this.users.set(row.id, row);
    return row;
  }

  addOrder(order: Partial<OrderRow> & { userId: string }): OrderRow {
    const now = this.clock.now();
    const row: OrderRow = {
      id: randomUUID(),
      orderNumber: `CV-2026-${String(this.orders.size + 1).padStart(6, '0')}`,
      checkoutId: null,
      productId: randomUUID(),
      status: 'pending',
      currency: 'USD',
      periodMonths: 1,
      subtotalMinor: 1_000,
      setupFeeMinor: 0,
      regionSurchargeMinor: 0,
      licenseFeeMinor: 0,
      totalMinor: 1_000,
      costMinor: 0,
      region: 'EU',
      imageId: null,
      sshKeys: [],
      userData: null,
      displayName: null,
      paymentMethod: null,
      paymentStatus: 'pending',
      adminNotes: null,
      contaboInstanceId: null,
      legalAccepted: null,
      legalAcceptedAt: null,
      createdAt: now,
      updatedAt: now,
      paidAt: null,
      completedAt: null,
      cancelledAt: null,
      ...order,
    };
    this.orders.set(row.id, row);
    return row;
  }

  /** A pending checkout of these orders (amounts summed, in their currency unless the gateway's is given). */
  addCheckout(
    orders: OrderRow[],
    fields: Partial<TransactionRow> & { provider: string; providerTxId: string },
  ): TransactionRow {
    const amountMinor = orders.reduce((sum, o) => sum + o.totalMinor, 0);
    return this.insertRow({
      userId: orders[0]!.userId,
      orderId: orders.length === 1 ? orders[0]!.id : null,
      orderIds: orders.map((o) => o.id),
      amountMinor,
      currency: orders[0]!.currency,
      reference: orders.map((o) => o.orderNumber).join(', '),
      ...fields,
    });
  }

  insertRow(row: NewTransactionRow): TransactionRow {
    const full = transactionRow(row, this.clock.now());
    this.transactions.set(full.id, full);
    return structuredClone(full);
  }

  row(id: string): TransactionRow {
    const row = this.transactions.get(id);
    if (!row) throw new Error(`no transaction ${id}`);
    return structuredClone(row);
  }

  order(id: string): OrderRow {
    const row = this.orders.get(id);
    if (!row) throw new Error(`no order ${id}`);
    return structuredClone(row);
  }

  paymentsRepo(): PaymentsRepo {
    return memoryPaymentsRepo(this);
  }

  ordersRepo(): OrdersRepo {
    return memoryOrdersRepo(this);
  }
}

export function memoryPaymentsRepo(store: MemoryPaymentsStore): PaymentsRepo {
  const find = (id: string) => {
    const row = store.transactions.get(id);
    return row && structuredClone(row);
  };
  return {
    transaction: store.transaction,
    insert: async (row) => store.insertRow(row),
    async update(id, patch) {
      const row = store.transactions.get(id);
      if (!row) return undefined;
      Object.assign(row, patch, { updatedAt: store.clock.now() });
      return structuredClone(row);
    },
    findById: async (id) => find(id),
    lock: async (_tx, id) => find(id),
    async findByProviderTx(provider, providerTxId) {
      const row = [...store.transactions.values()].find(
        (t) => t.provider === provider && t.providerTxId === providerTxId,
      );
      return row && structuredClone(row);
    },
    webhookProcessed: async (provider, eventId) => store.webhooks.has(`${provider}:${eventId}`),
    async claimWebhook(_tx, webhook) {
      const key = `${webhook.provider}:${webhook.eventId}`;
      if (store.webhooks.has(key)) return false;
      store.webhooks.add(key);
      return true;
    },
    lockPayables: async () => undefined,
    async endLiveCheckouts(_tx, what) {
      const ended: TransactionRow[] = [];
      for (const row of store.transactions.values()) {
        const covers =
          row.orderIds.some((id) => what.orderIds.includes(id)) ||
          (what.invoiceId !== null && row.invoiceId === what.invoiceId);
        if (row.status !== 'pending' || row.kind !== 'payment' || row.provider === 'bank_transfer') continue;
        if (!covers || row.id === what.replacedBy) continue;
        row.status = 'cancelled';
        row.raw = { ...(row.raw ?? {}), replacedBy: what.replacedBy ?? 'paid' };
        ended.push(structuredClone(row));
      }
      return ended;
    },
    async attachSession(id, session) {
      const row = store.transactions.get(id);
      if (!row) return undefined;
      row.providerTxId = session.providerTxId;
      row.raw = { ...(row.raw ?? {}), ...session.raw };
      return structuredClone(row);
    },
    findUser: async (id) => store.users.get(id),
    async notifyAdmins(_tx, note) {
      store.adminNotes.push(note);
    },
  };
}

/** The part of the orders repository payments uses; the rest is never called by it. */
export function memoryOrdersRepo(store: MemoryPaymentsStore): OrdersRepo {
  const used: Pick<
    OrdersRepo,
    'transaction' | 'findById' | 'listByIds' | 'listPendingInCheckout' | 'updateStatus' | 'recordTransition'
  > = {
    transaction: store.transaction,
    async findById(id) {
      const row = store.orders.get(id);
      return row && structuredClone(row);
    },
    listByIds: async (ids) => ids.flatMap((id) => (store.orders.has(id) ? [store.order(id)] : [])),
    listPendingInCheckout: async (userId, checkoutId) =>
      [...store.orders.values()]
        .filter((o) => o.userId === userId && o.checkoutId === checkoutId && o.status === 'pending')
        .map((o) => structuredClone(o)),
    async updateStatus(_tx, id, from, patch) {
      const row = store.orders.get(id);
      if (!row || row.status !== from) return undefined;
      Object.assign(row, patch, { updatedAt: store.clock.now() });
      return structuredClone(row);
    },
    async recordTransition(_tx, entry) {
      store.orderHistory.push(entry);
    },
  };
  return used as OrdersRepo;
}

/**
 * A gateway whose answers the test scripts: `report` is what it says about a payment (fetch and capture alike),
 * `events` what a webhook body verifies to; refunds are recorded and can be made to fail.
 */
export class MemoryGateway implements PaymentGateway {
  readonly payments = new Map<string, GatewayPayment>();
  readonly events = new Map<string, GatewayWebhookEvent>();
  readonly refunds: RefundRequest[] = [];
  /** The next refund call throws this (then refunds work again). */
  failNextRefund: Error | null = null;

  constructor(readonly provider: GatewayProvider) {}

  report(payment: GatewayPayment): void {
    this.payments.set(payment.providerTxId, payment);
  }

  /** A webhook body naming this event; `verifyWebhook` turns it back into the event. */
  webhook(event: GatewayWebhookEvent): Buffer {
    this.events.set(event.eventId, event);
    return Buffer.from(JSON.stringify({ id: event.eventId }));
  }

  async createCheckout(): Promise<never> {
    throw new Error('MemoryGateway: checkouts are not modelled');
  }

  async fetchPayment(providerTxId: string): Promise<GatewayPayment> {
    const payment = this.payments.get(providerTxId);
    if (!payment) throw new Error(`MemoryGateway: no payment ${providerTxId}`);
    return structuredClone(payment);
  }

  async confirmOnReturn(providerTxId: string): Promise<GatewayPayment> {
    return this.fetchPayment(providerTxId);
  }

  async verifyWebhook(_headers: unknown, rawBody: Buffer): Promise<GatewayWebhookEvent> {
    const { id } = JSON.parse(rawBody.toString('utf8')) as { id: string };
    const event = this.events.get(id);
    if (!event) throw new Error(`MemoryGateway: no event ${id}`);
    return structuredClone(event);
  }

  async refund(req: RefundRequest): Promise<GatewayRefund> {
    const failure = this.failNextRefund;
    this.failNextRefund = null;
    if (failure) throw failure;
    this.refunds.push(req);
    return {
      refundId: `re_${this.refunds.length}`,
      status: 'succeeded',
      amountMinor: req.amountMinor,
      currency: req.currency,
      raw: {},
    };
  }

  async expireCheckout(): Promise<'expired'> {
    return 'expired';
  }
}
