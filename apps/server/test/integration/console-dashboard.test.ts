import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/lib/clock.ts';
import { createDashboardRepo } from '../../src/modules/dashboard/dashboard.repo.ts';
import { createDashboardService } from '../../src/modules/dashboard/dashboard.service.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { admin, api, customer } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';
import {
  createAdmin,
  createAdminTask,
  createInvoice,
  createOrder,
  createProduct,
  createProvisioningAttempt,
  createRegion,
  createTransaction,
  createUser,
  createVpsAction,
  createVpsInstance,
} from '../factories.ts';

/**
 * "Now" is 2026-03-15 12:00 UTC, so this period is March and the previous one February (stock figures compare with
 * their value at 2026-03-01 00:00). Every expected value below is worked out by hand from the rows created here.
 */
const NOW = new Date('2026-03-15T12:00:00Z');
let t: TestApp;
let adminToken: string;
const ids: Record<string, string> = {};

const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  t = await createTestApp({ env: { RATE_LIMIT_DISABLED: 'true' }, clock: new ManualClock(NOW) });
  const db = t.database.db;
  adminToken = (await admin(t)).accessToken;
  await t.container.settings.set('store.currency', 'USD');
  await createRegion(db, { code: 'EU' });
  await createRegion(db, { code: 'US-central' });
  // P1 sells for 8.00/month and costs 5.00; P2 sells for 15.00 and costs 10.00.
  const p1 = await createProduct(db, { name: 'P1', sellingPriceMinor: 800, costMinor: 500 });
  const p2 = await createProduct(db, { name: 'P2', sellingPriceMinor: 1500, costMinor: 1000 });
  ids.p1 = p1.id;
  ids.p2 = p2.id;

  // Customers: two signed up in March, one in February, two earlier; staff never count.
  const u1 = await createUser(db, { createdAt: at('2026-01-05T00:00:00Z') });
  const u2 = await createUser(db, { createdAt: at('2026-03-02T00:00:00Z') });
  const u3 = await createUser(db, { createdAt: at('2025-12-10T00:00:00Z') });
  const u4 = await createUser(db, { createdAt: at('2026-03-10T00:00:00Z') });
  await createUser(db, { createdAt: at('2026-02-11T00:00:00Z') });
  await createAdmin(db, { createdAt: at('2026-03-03T00:00:00Z') });
  Object.assign(ids, { u1: u1.id, u2: u2.id });

  const order = (o: Parameters<typeof createOrder>[1]) => createOrder(db, { region: 'EU', ...o });
  const o1 = await order({
    userId: u1.id,
    productId: p1.id,
    status: 'completed',
    subtotalMinor: 800,
    totalMinor: 800,
    createdAt: at('2026-01-10T00:00:00Z'),
    paidAt: at('2026-01-10T00:00:00Z'),
    completedAt: at('2026-01-10T01:00:00Z'),
  });
  // A yearly order: 150.00 for 12 months is 12.50 a month.
  const o2 = await order({
    userId: u2.id,
    productId: p2.id,
    status: 'completed',
    periodMonths: 12,
    subtotalMinor: 15000,
    totalMinor: 15000,
    costMinor: 12000,
    region: 'US-central',
    createdAt: at('2026-03-05T00:00:00Z'),
    paidAt: at('2026-03-05T00:00:00Z'),
    completedAt: at('2026-03-06T00:00:00Z'),
  });

  const vps = (o: Parameters<typeof createVpsInstance>[1]) =>
    createVpsInstance(db, { expiresAt: at('2026-04-30T00:00:00Z'), ...o });
  // s1 live (running), expiring within 7 days; s2 live (stopped) since March; s3 active but still provisioning.
  await vps({
    userId: u1.id,
    productId: p1.id,
    orderId: o1.id,
    status: 'running',
    assignedAt: at('2026-01-10T00:00:00Z'),
    expiresAt: at('2026-03-20T00:00:00Z'),
  });
  await vps({
    userId: u2.id,
    productId: p2.id,
    orderId: o2.id,
    periodMonths: 12,
    status: 'stopped',
    region: 'US-central',
    assignedAt: at('2026-03-05T00:00:00Z'),
  });
  await vps({
    userId: u2.id,
    productId: p1.id,
    status: 'provisioning',
    assignedAt: at('2026-02-01T00:00:00Z'),
  });
  // s4 suspended on March 10 (active on March 1); s5 ended on March 3; s6 ended in January.
  await vps({
    userId: u3.id,
    productId: p1.id,
    status: 'stopped',
    serviceStatus: 'suspended',
    suspendedAt: at('2026-03-10T00:00:00Z'),
    assignedAt: at('2026-01-01T00:00:00Z'),
  });
  await vps({
    userId: u4.id,
    productId: p1.id,
    serviceStatus: 'terminated',
    assignedAt: at('2025-12-01T00:00:00Z'),
    terminatedAt: at('2026-03-03T00:00:00Z'),
  });
  await vps({
    userId: u4.id,
    productId: p1.id,
    serviceStatus: 'cancelled',
    assignedAt: at('2025-11-01T00:00:00Z'),
    terminatedAt: at('2026-01-20T00:00:00Z'),
  });

  // Orders: one waiting for payment now, one that was waiting on March 1 (cancelled since); two paid and waiting
  // (one for 6 hours, one for 1 hour); one that was waiting for fulfilment on March 1 (completed since).
  await order({ userId: u1.id, productId: p1.id, status: 'pending', createdAt: at('2026-03-14T00:00:00Z') });
  await order({
    userId: u1.id,
    productId: p1.id,
    status: 'cancelled',
    createdAt: at('2026-02-20T00:00:00Z'),
    cancelledAt: at('2026-03-02T00:00:00Z'),
  });
  const o5 = await order({
    userId: u2.id,
    productId: p1.id,
    status: 'paid',
    createdAt: at('2026-03-15T05:00:00Z'),
    paidAt: at('2026-03-15T06:00:00Z'),
  });
  const o6 = await order({
    userId: u1.id,
    productId: p1.id,
    status: 'paid',
    createdAt: at('2026-03-15T10:30:00Z'),
    paidAt: at('2026-03-15T11:00:00Z'),
  });
  await order({
    userId: u1.id,
    productId: p1.id,
    status: 'completed',
    createdAt: at('2026-02-28T00:00:00Z'),
    paidAt: at('2026-02-28T00:00:00Z'),
    completedAt: at('2026-03-02T00:00:00Z'),
  });
  Object.assign(ids, { o5: o5.id, o6: o6.id });
  await createProvisioningAttempt(db, {
    orderId: o6.id,
    status: 'failed',
    error: 'Contabo said no',
    updatedAt: at('2026-03-15T08:00:00Z'),
  });

  // Money: March sold 10.00 (order o2, Contabo cost 120.00) and credited 2.00; February sold 5.00.
  const inv = await createInvoice(db, {
    userId: u2.id,
    orderId: o2.id,
    status: 'paid',
    totalMinor: 1000,
    paidAt: at('2026-03-05T00:00:00Z'),
  });
  await createInvoice(db, {
    type: 'credit_note',
    referenceInvoiceId: inv.id,
    orderId: o2.id,
    userId: u2.id,
    status: 'issued',
    totalMinor: 200,
    issuedAt: at('2026-03-06T00:00:00Z'),
  });
  await createInvoice(db, {
    userId: u1.id,
    status: 'paid',
    totalMinor: 500,
    paidAt: at('2026-02-10T00:00:00Z'),
  });
  // An unpaid renewal past its due date, a payment mismatch, Contabo errors (one within the hour), admin tasks.
  await createInvoice(db, {
    userId: u3.id,
    status: 'overdue',
    totalMinor: 800,
    dueAt: at('2026-03-10T00:00:00Z'),
  });
  await createTransaction(db, { userId: u1.id, orderId: o6.id, status: 'mismatch' });
  const s = await vps({
    userId: u1.id,
    productId: p1.id,
    serviceStatus: 'terminated',
    terminatedAt: at('2026-01-02'),
  });
  await createVpsAction(db, {
    vpsInstanceId: s.id,
    status: 'failed',
    errorCode: 'contabo_error',
    completedAt: at('2026-03-15T11:30:00Z'),
  });
  await createVpsAction(db, {
    vpsInstanceId: s.id,
    status: 'failed',
    completedAt: at('2026-03-15T09:00:00Z'),
  });
  await createAdminTask(db, { status: 'open' });
  await createAdminTask(db, { status: 'done', key: 'done-task' });
});
afterAll(async () => {
  await t?.close();
});

async function dashboard() {
  const res = await api(t.app, adminToken)({ method: 'GET', url: '/api/admin/dashboard' });
  expect(res.statusCode).toBe(200);
  return res.json();
}

describe(`admin dashboard (${TEST_ENGINE})`, () => {
  it('computes every figure and its previous period', async () => {
    const d = await dashboard();
    expect(d.currency).toBe('USD');
    expect(d.periodStart).toBe('2026-03-01T00:00:00.000Z');
    expect(d.previousPeriodStart).toBe('2026-02-01T00:00:00.000Z');
    const f = d.figures;
    expect(f.ordersAwaitingPayment).toEqual({
      value: 1,
      previous: 1,
      oldestSince: '2026-03-14T00:00:00.000Z',
    });
    expect(f.ordersAwaitingFulfilment).toEqual({
      value: 2,
      previous: 1,
      oldestSince: '2026-03-15T06:00:00.000Z',
    });
    // Net of the credit note: 10.00 - 2.00 this month, 5.00 last month.
    expect(f.revenueMinor).toEqual({ value: 800, previous: 500 });
    // Now: s1 8.00 + s2 150.00/12 = 12.50 + s3 8.00 (no order: the plan's price). March 1: s1, s3, s4, s5 at 8.00.
    expect(f.mrrMinor).toEqual({ value: 2850, previous: 3200 });
    expect(f.contaboCostMinor).toEqual({ value: 2000, previous: 2000 });
    expect(f.marginMinor).toEqual({ value: 850, previous: 1200, percent: 29.8, previousPercent: 37.5 });
    expect(f.activeCustomers).toEqual({ value: 2, previous: 4 });
    // Live VPS: s1 (running) and s2 (stopped); s3 is provisioning, s4 suspended.
    expect(f.activeVps).toEqual({ value: 2, previous: 4 });
    expect(f.suspendedServices).toEqual({ value: 1, previous: 0 });
    expect(f.newCustomers).toEqual({ value: 2, previous: 1 });
    // The tickets module is there: no ticket waits, so the card says 0 (not absent).
    expect(f.ticketsWaitingOnStaff).toEqual({ value: 0, previous: 0, oldestSince: null });
  });

  it('builds the chart series', async () => {
    const { charts } = await dashboard();
    expect(charts.monthlySales).toHaveLength(12);
    expect(charts.monthlySales[0].month).toBe('2025-04-01');
    expect(charts.monthlySales[11]).toEqual({
      month: '2026-03-01',
      revenueMinor: 1000,
      refundsMinor: 200,
      netMinor: 800,
      costMinor: 12000,
      marginMinor: -11200,
    });
    expect(charts.monthlySales[10]).toMatchObject({ month: '2026-02-01', netMinor: 500, costMinor: 0 });
    expect(charts.monthlySales[9]).toMatchObject({ month: '2026-01-01', netMinor: 0 });
    expect(charts.plans).toEqual([
      { productId: ids.p1, name: 'P1', activeServices: 2, revenueMinor: 0 },
      { productId: ids.p2, name: 'P2', activeServices: 1, revenueMinor: 800 },
    ]);
    expect(charts.regions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ region: 'EU', count: 1 }),
        expect.objectContaining({ region: 'US-central', count: 1 }),
      ]),
    );
    expect(charts.regions).toHaveLength(2);
    expect(charts.newCustomers.slice(-3)).toEqual([
      { month: '2026-01-01', count: 1 },
      { month: '2026-02-01', count: 1 },
      { month: '2026-03-01', count: 2 },
    ]);
  });

  it('lists the alerts with links to the order and the customer', async () => {
    const { alerts } = await dashboard();
    type Alert = { kind: string; count: number | null; items: Array<Record<string, unknown>> };
    const byKind: Record<string, Alert> = Object.fromEntries((alerts as Alert[]).map((a) => [a.kind, a]));
    expect(byKind.paid_orders_waiting).toMatchObject({
      count: 1,
      hours: 4,
      href: '/admin/orders?status=paid',
    });
    expect(byKind.paid_orders_waiting!.items[0]).toMatchObject({
      id: ids.o5,
      href: `/admin/orders/${ids.o5}`,
      customer: { id: ids.u2 },
    });
    expect(byKind.new_paid_orders!.count).toBe(2);
    expect(byKind.provisioning_failed).toMatchObject({ count: 1, items: [{ id: ids.o6 }] });
    expect(byKind.expiring_soon!.count).toBe(1);
    expect(byKind.expired_unpaid!.count).toBe(1);
    expect(byKind.payment_mismatch).toMatchObject({ count: 1, items: [{ customer: { id: ids.u1 } }] });
    expect(byKind.contabo_errors!.count).toBe(1);
    expect(byKind.admin_tasks!.count).toBe(1);
    const orphans = (await t.container.fulfilment.inventory(false)).total;
    if (orphans > 0) expect(byKind.unassigned_instances!.count).toBe(orphans);
    else expect(byKind.unassigned_instances).toBeUndefined();
    expect(byKind.tickets_waiting).toBeUndefined();
  });

  it('moves when a paid order arrives', async () => {
    const before = (await dashboard()).figures.ordersAwaitingFulfilment.value;
    await createOrder(t.database.db, {
      userId: ids.u1,
      productId: ids.p1,
      status: 'paid',
      paidAt: at('2026-03-15T11:59:00Z'),
    });
    expect((await dashboard()).figures.ordersAwaitingFulfilment.value).toBe(before + 1);
  });

  it('shows the tickets card and alert once a tickets module plugs in its figures', async () => {
    const withTickets = createDashboardService({
      repo: createDashboardRepo(t.database.db),
      reports: t.container.reports,
      settings: t.container.settings,
      clock: t.clock,
      logger: t.container.logger,
      tickets: {
        waitingOnStaff: async () => ({
          value: 3,
          previous: 1,
          oldestSince: at('2026-03-14T09:00:00Z'),
          items: [{ id: 'tk1', label: 'Sin red', at: null, customer: null }],
        }),
      },
    });
    const d = await withTickets.get();
    expect(d.figures.ticketsWaitingOnStaff).toEqual({
      value: 3,
      previous: 1,
      oldestSince: at('2026-03-14T09:00:00Z'),
    });
    expect(d.alerts.find((a) => a.kind === 'tickets_waiting')).toMatchObject({
      count: 3,
      items: [{ href: '/admin/tickets/tk1' }],
    });
  });

  it('is for administrators only', async () => {
    const c = await customer(t);
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/dashboard' })).statusCode).toBe(401);
    const res = await api(t.app, c.accessToken)({ method: 'GET', url: '/api/admin/dashboard' });
    expect(res.statusCode).toBe(403);
  });
});
