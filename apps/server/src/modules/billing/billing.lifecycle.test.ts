import { describe, expect, it } from 'vitest';
import { addMonths, ManualClock } from '../../lib/clock.ts';
import { createLogger } from '../../lib/logger.ts';
import { createBillingWorld, memorySettings } from '../../../test/fakes/billing.ts';
import { createInvoiceIssuer } from './billing.issuing.ts';
import { createBillingLifecycle, DAY, type ContaboActionJob } from './billing.lifecycle.ts';
import { presentInvoiceDetail } from './billing.presenter.ts';

const NOW = new Date('2026-03-10T12:00:00Z');
const days = (n: number) => new Date(NOW.getTime() + n * DAY);

/**
 * One pass of the lifecycle over a small in-memory world, with the registry's default settings: renewal invoices 7
 * days before expiry, reminders at 7/3/1 days, suspension 3 days after the due date, termination 14 days after the
 * suspension (warned 3 days before), cancellation at Contabo off.
 */
function setUp() {
  const clock = new ManualClock(NOW);
  const world = createBillingWorld();
  const settings = memorySettings();
  const logger = createLogger('silent');
  const issuer = createInvoiceIssuer({ repo: world.repo, settings, clock, logger });
  const mails: Array<{ to: string; template: string }> = [];
  const jobs: Array<{ name: string; payload: ContaboActionJob }> = [];
  const lifecycle = createBillingLifecycle({
    repo: world.repo,
    billing: { issue: issuer.issue, detail: async (row) => presentInvoiceDetail(row, []) },
    settings,
    mail: {
      async queue(input) {
        mails.push({ to: input.to, template: input.template });
        return { id: String(mails.length) };
      },
    },
    jobs: {
      async enqueue(name, payload) {
        jobs.push({ name, payload: payload as ContaboActionJob });
        return String(jobs.length);
      },
    },
    clock,
    logger,
    appUrl: 'https://panel.example.test',
    contabo: () => {
      throw new Error('the pass queues Contabo calls, it never makes them');
    },
  });

  const user = world.addUser();
  const plan = world.addProduct({ name: 'Cloud VPS 10', price: 1_000, currency: 'EUR' });
  const service = (overrides: Omit<Parameters<typeof world.addService>[0], 'userId'>) =>
    world.addService({ userId: user.id, productId: plan.id, ...overrides });
  /** The renewal invoice a service got for the period starting at its expiry, unpaid. */
  const renewalOf = (vps: { id: string; expiresAt: Date | null }, status = 'issued') =>
    world.addInvoice({
      userId: user.id,
      vpsInstanceId: vps.id,
      status,
      totalMinor: 1_000,
      invoiceNumber: `CV-2026-${vps.id.slice(0, 6)}`,
      periodStart: vps.expiresAt,
      periodEnd: addMonths(vps.expiresAt!, 1),
      dueAt: vps.expiresAt,
      idempotencyKey: `renewal:${vps.id}`,
    });

  // Expires in exactly 7 days: gets its renewal invoice (and, due in 7 days, the 7-day reminder).
  const expiring = service({ expiresAt: days(7) });
  // Expires in 8 days: not yet.
  const later = service({ expiresAt: days(8) });
  // Its renewal was due 4 days ago (grace: 3): overdue, then suspended, and its stop queued.
  const unpaid = service({ expiresAt: days(-4) });
  renewalOf(unpaid);
  // Due 2 days ago: overdue and warned, still inside the grace days.
  const inGrace = service({ expiresAt: days(-2) });
  renewalOf(inGrace);
  // Suspended 14 days ago: terminated, its invoice voided, an admin task to cancel it at Contabo.
  const longSuspended = service({ expiresAt: days(-17), serviceStatus: 'suspended', suspendedAt: days(-14) });
  const longUnpaid = renewalOf(longSuspended, 'overdue');
  // Suspended 13 days ago: warned that it ends tomorrow, not terminated.
  const suspended = service({ expiresAt: days(-16), serviceStatus: 'suspended', suspendedAt: days(-13) });
  // Asked to end at the period end, which passed an hour ago: cancelled and stopped.
  const ending = service({
    expiresAt: new Date(NOW.getTime() - 3_600_000),
    autoRenew: false,
    cancelAtPeriodEnd: true,
  });

  return {
    clock,
    world,
    lifecycle,
    mails,
    jobs,
    user,
    services: { expiring, later, unpaid, inGrace, longSuspended, suspended, ending },
    longUnpaid,
  };
}

describe('one lifecycle pass over an in-memory world', () => {
  it('renews, warns, suspends, terminates and ends each service once, and a second pass that day does nothing', async () => {
    const { clock, world, lifecycle, mails, jobs, services, longUnpaid } = setUp();

    const first = await lifecycle.run();

    expect(first).toEqual({
      issued: 1,
      reminders: 1,
      overdue: 2,
      overdueNotices: 2,
      suspended: 1,
      terminationWarnings: 1,
      terminated: 1,
      cancelled: 1,
    });

    // The renewal invoice: the next month from the old expiry, due at expiry, priced from the plan, numbered.
    const [renewal, ...others] = world.invoicesOf(services.expiring.id);
    expect(others).toHaveLength(0);
    expect(renewal).toMatchObject({
      status: 'issued',
      type: 'invoice',
      totalMinor: 1_000,
      periodStart: days(7),
      periodEnd: new Date('2026-04-17T12:00:00Z'),
      dueAt: days(7),
      invoiceNumber: 'CV-2026-000001',
      idempotencyKey: `renewal:${services.expiring.id}:${days(7).toISOString()}`,
    });
    expect(world.invoicesOf(services.later.id)).toHaveLength(0);

    // Suspension after the grace days, with the stop queued in its transaction; none inside the grace days.
    expect(world.service(services.unpaid.id)).toMatchObject({ serviceStatus: 'suspended', suspendedAt: NOW });
    expect(world.service(services.inGrace.id).serviceStatus).toBe('active');
    expect(world.invoicesOf(services.inGrace.id)[0]!.status).toBe('overdue');

    // Termination after the suspended days: the open invoice voided (its key freed), an admin task opened.
    expect(world.service(services.longSuspended.id)).toMatchObject({
      serviceStatus: 'terminated',
      terminatedAt: NOW,
    });
    expect(world.tables.invoices.find((i) => i.id === longUnpaid.id)).toMatchObject({
      status: 'void',
      voidedAt: NOW,
    });
    expect(world.service(services.suspended.id).serviceStatus).toBe('suspended');
    expect(world.service(services.ending.id).serviceStatus).toBe('cancelled');
    expect(world.tables.tasks.map((t) => [t.type, t.vpsInstanceId]).sort()).toEqual(
      [
        ['contabo_cancel', services.longSuspended.id],
        ['contabo_cancel', services.ending.id],
      ].sort(),
    );

    // Contabo calls are queued, never made: a stop for the suspended and for the cancelled server.
    expect(jobs).toEqual(
      expect.arrayContaining([
        { name: 'billing.contabo-action', payload: { vpsId: services.unpaid.id, action: 'stop' } },
        { name: 'billing.contabo-action', payload: { vpsId: services.ending.id, action: 'stop' } },
      ]),
    );
    expect(jobs).toHaveLength(2);
    expect(mails.map((m) => m.template).sort()).toEqual(
      [
        'invoice-reminder',
        'invoice-overdue',
        'invoice-overdue',
        'service-suspended',
        'termination-warning',
        'service-ended',
        'service-ended',
      ].sort(),
    );

    // The same day again (an hour later): nothing new is issued, sent, queued or changed.
    const before = structuredClone(world.tables);
    clock.advance(3_600_000);
    const second = await lifecycle.run();
    expect(Object.values(second).every((n) => n === 0)).toBe(true);
    expect(mails).toHaveLength(7);
    expect(jobs).toHaveLength(2);
    expect(world.tables.invoices).toEqual(before.invoices);
    expect(world.tables.services).toEqual(before.services);
    expect(world.tables.tasks).toEqual(before.tasks);
    expect(world.tables.notices).toEqual(before.notices);
    // Both passes are recorded with what they did.
    expect(world.tables.runs.map((r) => [r.status, r.counts.issued])).toEqual([
      ['succeeded', 1],
      ['succeeded', 0],
    ]);
  });

  it('paying the overdue renewal of a suspended service extends it from its old expiry and queues its start', async () => {
    const { world, lifecycle, jobs, services } = setUp();
    await lifecycle.run();
    const [invoice] = world.invoicesOf(services.unpaid.id);

    await lifecycle.payInvoice(invoice!.id, { provider: 'bank_transfer', reference: 'TR-1' });

    expect(world.service(services.unpaid.id)).toMatchObject({
      serviceStatus: 'active',
      suspendedAt: null,
      expiresAt: new Date('2026-04-06T12:00:00Z'),
    });
    expect(jobs.at(-1)).toEqual({
      name: 'billing.contabo-action',
      payload: { vpsId: services.unpaid.id, action: 'start' },
    });
    expect(world.tables.invoices.find((i) => i.id === invoice!.id)!.status).toBe('paid');
  });
});
