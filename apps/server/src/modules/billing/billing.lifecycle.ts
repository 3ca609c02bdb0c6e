import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ContaboClient } from '@cloud-vertice/contabo';
import type { DbOrTx } from '../../db/client.ts';
import { defineJob, type JobContext, type JobQueue } from '../../jobs/queue.ts';
import { addMonths, type Clock } from '../../lib/clock.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import { formatMoney } from '../../lib/money.ts';
import { createPendingBells, customerNotice, staffNotice } from '../notifications/in-app.ts';
import type { MailService } from '../notifications/mail.service.ts';
import type { NewNotification, NotificationsService } from '../notifications/notifications.service.ts';
import type { TemplateData, TemplateName } from '../notifications/templates/index.ts';
import type { SettingsService } from '../../settings/settings.service.ts';
import {
  INVOICE_TEXT,
  isoDay,
  languageOf,
  planLabel,
  regionLabel,
  type InvoiceLanguage,
} from './billing.i18n.ts';
import { licenseLine, renewalLicenseMinor } from './billing.license.ts';
import type { BillingRepo, BillingUserRow, InvoiceRow } from './billing.repo.ts';
import type { BillingService } from './billing.service.ts';
import type { TInvoiceDetail, TJobRun } from './billing.schemas.ts';

export const DAY = 86_400_000;
export const LIFECYCLE_JOB = 'billing.lifecycle';
export const CONTABO_ACTION_JOB = 'billing.contabo-action';

export const ZContaboActionJob = z.object({
  vpsId: z.uuid(),
  action: z.enum(['stop', 'start', 'cancel']),
  /** The admin task a cancellation closes. */
  taskId: z.uuid().optional(),
});
export type ContaboActionJob = z.infer<typeof ZContaboActionJob>;

export interface BillingLifecycleDeps {
  repo: BillingRepo;
  billing: BillingService;
  settings: SettingsService;
  mail: Pick<MailService, 'queue'>;
  /** Bells: the customer's (invoice issued, suspension coming, suspended) and the staff's (renewal overdue). */
  notifications?: Pick<NotificationsService, 'notify' | 'announce'>;
  /** Contabo calls (stop, start, cancel) are queued in the transaction that decides them: crash-safe and retried. */
  jobs: Pick<JobQueue, 'enqueue'>;
  clock: Clock;
  logger: Logger;
  appUrl: string;
  contabo: () => ContaboClient;
}

export const renewalKey = (vpsId: string, expiresAt: Date) => `renewal:${vpsId}:${expiresAt.toISOString()}`;

export interface LifecycleCounts {
  issued: number;
  reminders: number;
  overdue: number;
  overdueNotices: number;
  suspended: number;
  terminationWarnings: number;
  terminated: number;
  cancelled: number;
}

/** A lifecycle e-mail's record: sent once per key. */
interface Notice {
  key: string;
  kind: string;
  invoiceId: string | null;
  vpsId: string | null;
}

type ServiceRow = NonNullable<Awaited<ReturnType<BillingRepo['serviceForRenewal']>>>;
type VpsRow = ServiceRow['vps'];

const dayFormat = (language: InvoiceLanguage) =>
  new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'es-ES', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
const formatDay = (date: Date, language: InvoiceLanguage) => dayFormat(language).format(date);

const firstName = (user: BillingUserRow) => user.firstName || user.name || '';
const serverName = (vps: VpsRow) => vps.displayName ?? vps.name ?? String(vps.contaboInstanceId);

/**
 * The service lifecycle driven by the clock: a renewal invoice some days before a service expires (due at expiry),
 * reminders, overdue after the due date, suspension (and a stop through Contabo) after the grace days, termination
 * after more days suspended (an admin task, or a cancellation through Contabo's API), and the end of services whose
 * owner asked to stop at the period end. Paying a renewal extends the service from its old expiry and lifts a
 * suspension. Every step is keyed by what it acts on (unique keys and row locks), so a rerun — or two instances
 * running at once — does nothing more.
 */
export function createBillingLifecycle(deps: BillingLifecycleDeps) {
  const { repo, billing, settings, clock, logger, mail, appUrl } = deps;
  const invoiceLink = (id: string) => `${appUrl}/panel/invoices/${id}?pay=1`;
  const money = (invoice: InvoiceRow, language: InvoiceLanguage) =>
    formatMoney(invoice.totalMinor, invoice.currency, language);

  const bells = createPendingBells(deps.notifications, logger);

  /** Queues a Contabo call inside `tx`, once per service, action and moment. */
  async function queueContabo(tx: DbOrTx, job: ContaboActionJob, at: Date) {
    await deps.jobs.enqueue(CONTABO_ACTION_JOB, job, {
      tx,
      singletonKey: `${job.action}:${job.vpsId}:${at.toISOString()}`,
    });
  }

  /** Issues the renewal invoice of one service for the period starting at its expiry (idempotent by key). */
  async function issueRenewal(row: ServiceRow): Promise<{ invoice: InvoiceRow; created: boolean }> {
    const { vps, order, plan, price, regionSurcharge, productCurrency, regionName, user, image } = row;
    const expiresAt = vps.expiresAt!;
    const key = renewalKey(vps.id, expiresAt);
    const months = vps.periodMonths;
    const end = addMonths(expiresAt, months);
    // The price agreed on the order when it covers the same period and the server delivered is the one ordered;
    // otherwise today's monthly price of the delivered plan and region (an assignment with confirmed differences).
    const asOrdered =
      order &&
      order.periodMonths === months &&
      order.productId === vps.productId &&
      order.region === vps.region;
    const unitPriceMinor = asOrdered
      ? order.subtotalMinor + order.regionSurchargeMinor
      : ((price ?? 0) + (regionSurcharge ?? 0)) * months;
    const currency = order?.currency ?? productCurrency ?? (await settings.get('store.currency'));
    const language = languageOf(user.language);
    const license = licenseLine({
      language,
      image,
      amountMinor: renewalLicenseMinor({ asOrdered: Boolean(asOrdered), order, image, months }),
      periodMonths: months,
      periodStart: expiresAt,
      periodEnd: end,
    });
    const text = INVOICE_TEXT[language];
    const issued = await repo.db.transaction(async (tx) => {
      const result = await billing.issue(tx, {
        key,
        userId: vps.userId,
        user,
        currency,
        status: 'issued',
        dueAt: expiresAt,
        vpsInstanceId: vps.id,
        orderId: null,
        periodStart: expiresAt,
        periodEnd: end,
        lines: [
          {
            description:
              `${text.renewal}: ${planLabel(text, plan)} "${serverName(vps)}" — ${text.months(months)} — ` +
              `${text.region}: ${regionLabel(language, vps.region, regionName)} — ${isoDay(expiresAt)} → ${isoDay(end)}`,
            quantity: 1,
            unitPriceMinor,
            periodStart: expiresAt,
            periodEnd: end,
          },
          ...(license ? [license] : []),
        ],
      });
      if (result.created) {
        await bells.write(tx, [
          customerNotice.invoiceIssued(user.id, language, {
            invoiceId: result.invoice.id,
            invoiceNumber: result.invoice.invoiceNumber ?? '',
            amount: money(result.invoice, language),
            dueDate: formatDay(expiresAt, language),
          }),
        ]);
      }
      return result;
    });
    await bells.ring();
    return issued;
  }

  async function issueRenewals(now: Date): Promise<number> {
    const days = await settings.get('billing.renewalDaysBefore');
    let issued = 0;
    for (const row of await repo.servicesDueForRenewal(new Date(now.getTime() + days * DAY))) {
      if ((await issueRenewal(row)).created) issued++;
    }
    return issued;
  }

  /**
   * Queues one lifecycle e-mail inside `tx`, in the customer's language. With a notice, the e-mail goes only if this
   * call records the notice's key first — the guard that makes a re-run or a second instance send nothing more.
   */
  async function sendOnce<T extends TemplateName>(
    tx: DbOrTx,
    now: Date,
    user: BillingUserRow,
    notice: Notice | null,
    template: T,
    data: (language: InvoiceLanguage) => TemplateData<T>,
    notes?: (language: InvoiceLanguage) => NewNotification[],
  ): Promise<boolean> {
    if (notice) {
      const recorded = await repo.insertNotice(tx, {
        key: notice.key,
        kind: notice.kind,
        userId: user.id,
        invoiceId: notice.invoiceId,
        vpsInstanceId: notice.vpsId,
        createdAt: now,
      });
      if (!recorded) return false;
    }
    const language = languageOf(user.language);
    await mail.queue({ to: user.email, userId: user.id, language, template, data: data(language) }, tx);
    if (notes) await bells.write(tx, notes(language));
    return true;
  }

  /** `sendOnce` in a transaction of its own. */
  const sendOnceNow = async <T extends TemplateName>(
    now: Date,
    user: BillingUserRow,
    notice: Notice,
    template: T,
    data: (language: InvoiceLanguage) => TemplateData<T>,
    notes?: (language: InvoiceLanguage) => NewNotification[],
  ) => {
    const sent = await repo.db.transaction((tx) => sendOnce(tx, now, user, notice, template, data, notes));
    await bells.ring();
    return sent;
  };

  /** The latest reminder threshold passed (7, 3, 1 days before …); one e-mail per threshold and invoice. */
  async function sendReminders(now: Date): Promise<number> {
    const thresholds = [...(await settings.get('billing.reminderDays'))].sort((a, b) => a - b);
    if (!thresholds.length) return 0;
    const rows = await repo.invoicesToRemind(now, new Date(now.getTime() + thresholds.at(-1)! * DAY));
    let count = 0;
    for (const { invoice, vps, user, sent } of rows) {
      const left = (invoice.dueAt!.getTime() - now.getTime()) / DAY;
      const threshold = thresholds.find((d) => left <= d);
      if (threshold === undefined) continue;
      const key = `reminder:${invoice.id}:${threshold}`;
      if (sent.includes(key)) continue;
      const notice = { key, kind: 'reminder', invoiceId: invoice.id, vpsId: vps.id };
      const recorded = await sendOnceNow(now, user, notice, 'invoice-reminder', (language) => ({
        name: firstName(user),
        serverName: serverName(vps),
        invoiceNumber: invoice.invoiceNumber ?? '',
        amount: money(invoice, language),
        dueDate: formatDay(invoice.dueAt!, language),
        daysLeft: Math.max(1, Math.ceil(left)),
        link: invoiceLink(invoice.id),
      }));
      if (recorded) count++;
    }
    return count;
  }

  async function sendOverdueNotices(now: Date): Promise<number> {
    const grace = await settings.get('billing.suspendAfterDays');
    let sent = 0;
    for (const { invoice, vps, user } of await repo.overdueWithoutNotice()) {
      const notice = { key: `overdue:${invoice.id}`, kind: 'overdue', invoiceId: invoice.id, vpsId: vps.id };
      const suspendDate = (language: InvoiceLanguage) =>
        formatDay(new Date(invoice.dueAt!.getTime() + grace * DAY), language);
      const recorded = await sendOnceNow(
        now,
        user,
        notice,
        'invoice-overdue',
        (language) => ({
          name: firstName(user),
          serverName: serverName(vps),
          invoiceNumber: invoice.invoiceNumber ?? '',
          amount: money(invoice, language),
          dueDate: formatDay(invoice.dueAt!, language),
          suspendDate: suspendDate(language),
          link: invoiceLink(invoice.id),
        }),
        (language) => [
          customerNotice.suspensionWarning(user.id, language, {
            invoiceId: invoice.id,
            serverName: serverName(vps),
            invoiceNumber: invoice.invoiceNumber ?? '',
            suspendDate: suspendDate(language),
          }),
          {
            userId: null,
            audience: 'admins',
            ...staffNotice.renewalOverdue({
              invoiceNumber: invoice.invoiceNumber ?? '',
              serverName: serverName(vps),
              customer: user.email,
              amount: money(invoice, 'es'),
            }),
          },
        ],
      );
      if (recorded) sent++;
    }
    return sent;
  }

  async function suspendUnpaid(now: Date): Promise<number> {
    const grace = await settings.get('billing.suspendAfterDays');
    const terminateAfter = await settings.get('billing.terminateAfterDays');
    const rows = await repo.unpaidServiceInvoicesDueBefore(new Date(now.getTime() - grace * DAY));
    let suspended = 0;
    for (const { invoice, vps, user } of rows) {
      const changed = await repo.db.transaction(async (tx) => {
        const current = await repo.lockService(tx, vps.id);
        if (!current || current.serviceStatus !== 'active') return false;
        await repo.updateService(tx, vps.id, { serviceStatus: 'suspended', suspendedAt: now });
        await queueContabo(tx, { vpsId: vps.id, action: 'stop' }, now);
        const notice = {
          key: `suspended:${vps.id}:${now.toISOString()}`,
          kind: 'suspended',
          invoiceId: invoice.id,
          vpsId: vps.id,
        };
        return sendOnce(
          tx,
          now,
          user,
          notice,
          'service-suspended',
          (language) => ({
            name: firstName(user),
            serverName: serverName(vps),
            invoiceNumber: invoice.invoiceNumber ?? '',
            amount: money(invoice, language),
            terminateDate: formatDay(new Date(now.getTime() + terminateAfter * DAY), language),
            link: invoiceLink(invoice.id),
          }),
          (language) => [
            customerNotice.suspended(user.id, language, {
              invoiceId: invoice.id,
              serverName: serverName(vps),
            }),
          ],
        );
      });
      await bells.ring();
      if (!changed) continue;
      suspended++;
      logger.info({ vpsId: vps.id, invoiceId: invoice.id }, 'service suspended for an unpaid invoice');
    }
    return suspended;
  }

  async function sendTerminationWarnings(now: Date): Promise<number> {
    const terminateAfter = await settings.get('billing.terminateAfterDays');
    const warnDays = Math.min(await settings.get('billing.terminationWarningDays'), terminateAfter);
    const cutoff = new Date(now.getTime() - (terminateAfter - warnDays) * DAY);
    let sent = 0;
    for (const { vps, user, invoice } of await repo.suspendedSince(cutoff, 'termination-warning')) {
      const terminatesAt = new Date(vps.suspendedAt!.getTime() + terminateAfter * DAY);
      if (terminatesAt <= now) continue;
      const notice = {
        key: `termination-warning:${vps.id}:${vps.suspendedAt!.toISOString()}`,
        kind: 'termination-warning',
        invoiceId: invoice?.id ?? null,
        vpsId: vps.id,
      };
      const recorded = await sendOnceNow(now, user, notice, 'termination-warning', (language) => ({
        name: firstName(user),
        serverName: serverName(vps),
        invoiceNumber: invoice?.invoiceNumber ?? '',
        amount: invoice ? money(invoice, language) : '',
        terminateDate: formatDay(terminatesAt, language),
        daysLeft: Math.max(1, Math.ceil((terminatesAt.getTime() - now.getTime()) / DAY)),
        link: invoice ? invoiceLink(invoice.id) : `${appUrl}/panel/invoices`,
      }));
      if (recorded) sent++;
    }
    return sent;
  }

  /**
   * Ends a service: marks it terminated (unpaid) or cancelled (asked to end at the period end), voids what is left
   * unpaid, opens the admin task to cancel the instance at Contabo and tells the customer — all in one transaction
   * guarded by the service row, so it happens once. With `billing.cancelAtContabo` on, the platform then cancels the
   * instance through the API and closes the task.
   */
  async function endService(
    vps: VpsRow,
    user: BillingUserRow,
    reason: 'unpaid' | 'cancelled',
    now: Date,
  ): Promise<boolean> {
    const from = reason === 'unpaid' ? 'suspended' : 'active';
    const status = reason === 'unpaid' ? 'terminated' : 'cancelled';
    const terminateAfter = await settings.get('billing.terminateAfterDays');
    const cancelAtContabo = await settings.get('billing.cancelAtContabo');
    const ended = await repo.db.transaction(async (tx) => {
      const current = await repo.lockService(tx, vps.id);
      if (!current || current.serviceStatus !== from) return false;
      if (reason === 'cancelled' && (!current.expiresAt || current.expiresAt > now)) return false;
      await repo.updateService(tx, vps.id, { serviceStatus: status, terminatedAt: now });
      await repo.voidOpenInvoicesOf(tx, vps.id, now);
      const task = await repo.insertTask(tx, {
        type: 'contabo_cancel',
        key: `contabo-cancel:${vps.id}:${now.toISOString()}`,
        vpsInstanceId: vps.id,
        title: `Cancelar en Contabo la instancia ${vps.contaboInstanceId} (${serverName(vps)})`,
        notes:
          reason === 'unpaid'
            ? `Service terminated after ${terminateAfter} days suspended for an unpaid invoice.`
            : 'The customer asked to end the service at the period end.',
        createdAt: now,
      });
      // A suspended server is stopped already; one ending at its period end is stopped now.
      if (reason === 'cancelled') await queueContabo(tx, { vpsId: vps.id, action: 'stop' }, now);
      if (cancelAtContabo && task) {
        await queueContabo(tx, { vpsId: vps.id, action: 'cancel', taskId: task.id }, now);
      }
      await sendOnce(tx, now, user, null, 'service-ended', () => ({
        name: firstName(user),
        serverName: serverName(vps),
        reason,
        link: `${appUrl}/panel/invoices`,
      }));
      return true;
    });
    if (ended) logger.info({ vpsId: vps.id, reason }, `service ${status}`);
    return ended;
  }

  /**
   * The queued Contabo call of a lifecycle step, checked against the service's state now (a customer who paid in
   * between is not stopped). Failures throw, so the queue retries; the last failure is written on the admin task.
   */
  async function runContaboAction(job: ContaboActionJob, context: JobContext): Promise<void> {
    const vps = await repo.findService(job.vpsId);
    if (!vps) return;
    const client = deps.contabo();
    const trace = { traceId: `${job.action}:${vps.id}` };
    try {
      if (job.action === 'stop') {
        if (vps.serviceStatus === 'active') return;
        await client.actions.stop(vps.contaboInstanceId, trace);
      } else if (job.action === 'start') {
        if (vps.serviceStatus !== 'active') return;
        await client.actions.start(vps.contaboInstanceId, trace);
      } else {
        if (vps.contaboCancelDate) return;
        const result = await client.instances.cancel(vps.contaboInstanceId, {}, trace);
        const task = job.taskId ? await repo.findTask(job.taskId) : undefined;
        await repo.db.transaction(async (tx) => {
          await repo.updateService(tx, vps.id, { contaboCancelDate: result.cancelDate ?? null });
          if (task && task.status === 'open') {
            await repo.updateTask(tx, task.id, {
              status: 'done',
              doneAt: clock.now(),
              notes: `${task.notes ?? ''}\nCancelled through Contabo's API (cancel date ${result.cancelDate ?? 'n/a'}).`,
            });
          }
        });
      }
    } catch (error) {
      logger.error({ err: error, vpsId: vps.id, action: job.action }, 'a lifecycle call to Contabo failed');
      if (context.finalAttempt && job.taskId) {
        const task = await repo.findTask(job.taskId);
        if (task) {
          await repo.updateTask(repo.db, task.id, {
            notes: `${task.notes ?? ''}\nCancelling through Contabo's API failed: ${(error as Error).message}`,
          });
        }
      }
      throw error;
    }
  }

  async function terminateSuspended(now: Date): Promise<number> {
    const terminateAfter = await settings.get('billing.terminateAfterDays');
    let ended = 0;
    for (const { vps, user } of await repo.suspendedSince(new Date(now.getTime() - terminateAfter * DAY))) {
      if (await endService(vps, user, 'unpaid', now)) ended++;
    }
    return ended;
  }

  async function endCancelled(now: Date): Promise<number> {
    let ended = 0;
    for (const { vps, user } of await repo.endingAtPeriodEnd(now)) {
      if (await endService(vps, user, 'cancelled', now)) ended++;
    }
    return ended;
  }

  /** One pass of every step at the clock's time. */
  async function pass(): Promise<LifecycleCounts> {
    const now = clock.now();
    const issued = await issueRenewals(now);
    const reminders = await sendReminders(now);
    const overdue = await repo.markOverdue(now);
    const overdueNotices = await sendOverdueNotices(now);
    const suspended = await suspendUnpaid(now);
    const terminationWarnings = await sendTerminationWarnings(now);
    const terminated = await terminateSuspended(now);
    const cancelled = await endCancelled(now);
    return {
      issued,
      reminders,
      overdue,
      overdueNotices,
      suspended,
      terminationWarnings,
      terminated,
      cancelled,
    };
  }

  /**
   * Marks an issued (or overdue) invoice paid inside `tx`: links the transaction that paid it (or records a manual
   * one), extends the service by its period from the old expiry and lifts a suspension (queueing the server's start).
   * Paying a paid invoice again changes nothing.
   */
  async function applyPayment(
    tx: DbOrTx,
    invoiceId: string,
    payment: { provider: string; reference: string; userId?: string; transactionId?: string },
  ): Promise<{ invoice: InvoiceRow; alreadyPaid: boolean }> {
    const now = clock.now();
    const invoice = await repo.lockInvoice(tx, invoiceId);
    if (!invoice || (payment.userId && invoice.userId !== payment.userId)) throw notFound('Invoice');
    if (invoice.status === 'paid') return { invoice, alreadyPaid: true };
    if (invoice.type !== 'invoice' || (invoice.status !== 'issued' && invoice.status !== 'overdue'))
      throw new AppError('conflict', `The invoice is ${invoice.status}`);
    let transactionId = payment.transactionId;
    if (transactionId) {
      await repo.linkTransaction(tx, transactionId, invoice.id);
    } else {
      transactionId = (
        await repo.insertTransaction(tx, {
          id: randomUUID(),
          invoiceId: invoice.id,
          userId: invoice.userId,
          kind: 'payment',
          provider: payment.provider,
          providerTxId: `invoice_${invoice.id}`,
          amountMinor: invoice.totalMinor,
          currency: invoice.currency,
          status: 'succeeded',
          reference: payment.reference,
          createdAt: now,
        })
      ).id;
    }
    const paid = (await repo.updateInvoice(tx, invoice.id, { status: 'paid', paidAt: now }))!;
    if (invoice.vpsInstanceId && invoice.periodEnd) {
      const vps = await repo.lockService(tx, invoice.vpsInstanceId);
      const live = vps && (vps.serviceStatus === 'active' || vps.serviceStatus === 'suspended');
      if (vps && live && (!vps.expiresAt || vps.expiresAt < invoice.periodEnd)) {
        const wasSuspended = vps.serviceStatus === 'suspended';
        await repo.updateService(tx, vps.id, {
          expiresAt: invoice.periodEnd,
          ...(wasSuspended ? { serviceStatus: 'active', suspendedAt: null } : {}),
        });
        if (wasSuspended) {
          const user = await repo.findUser(tx, vps.userId);
          if (user) {
            await sendOnce(tx, now, user, null, 'service-reactivated', (language) => ({
              name: firstName(user),
              serverName: serverName(vps),
              expiresDate: formatDay(invoice.periodEnd!, language),
              link: `${appUrl}/panel/servers/${vps.id}`,
            }));
          }
          await queueContabo(tx, { vpsId: vps.id, action: 'start' }, now);
        }
      }
    }
    logger.info({ invoiceId, transactionId }, 'invoice paid');
    return { invoice: paid, alreadyPaid: false };
  }

  /**
   * One recorded pass of the lifecycle at the clock's time (a `job_runs` row with what it did); safe to run twice
   * or from two instances at once.
   */
  async function run(): Promise<LifecycleCounts> {
    const startedAt = clock.now();
    const record = await repo.startJobRun(LIFECYCLE_JOB, isoDay(startedAt), startedAt);
    try {
      const counts = await pass();
      await repo.finishJobRun(record.id, {
        status: 'succeeded',
        counts: { ...counts },
        finishedAt: clock.now(),
      });
      return counts;
    } catch (error) {
      await repo.finishJobRun(record.id, {
        status: 'failed',
        counts: {},
        error: (error as Error).message,
        finishedAt: clock.now(),
      });
      throw error;
    }
  }

  return {
    applyPayment,
    run,
    runContaboAction,

    async runRecorded(): Promise<TJobRun> {
      await run().catch(() => undefined);
      const [last] = await repo.lastJobRuns(LIFECYCLE_JOB, 1);
      return last!;
    },

    /** Issues (or returns) the renewal invoice for a customer's service now, e.g. with auto-renew off. */
    async renewNow(userId: string, vpsId: string): Promise<TInvoiceDetail> {
      const row = await repo.serviceForRenewal(vpsId);
      if (!row || row.vps.userId !== userId) throw notFound('VPS');
      const { vps } = row;
      if (vps.serviceStatus === 'terminated' || vps.serviceStatus === 'cancelled')
        throw new AppError('conflict', 'This service has ended; order a new server instead');
      const [open] = await repo.openInvoicesOf([vps.id]);
      if (open) return billing.detail(open);
      if (!vps.expiresAt) throw new AppError('conflict', 'This service has no expiry date to renew from');
      const { invoice } = await issueRenewal(row);
      return billing.detail(invoice);
    },

    /**
     * The customer's renewal choice. Cancelling at the period end turns auto-renew off; turning auto-renew back on
     * withdraws a cancellation. With renewal off, a renewal invoice issued for the coming period (not yet due) is
     * voided: nothing is owed for a period the customer will not use.
     */
    async setRenewal(
      userId: string,
      vpsId: string,
      patch: { autoRenew?: boolean; cancelAtPeriodEnd?: boolean },
    ): Promise<void> {
      const now = clock.now();
      await repo.db.transaction(async (tx) => {
        const vps = await repo.lockService(tx, vpsId);
        if (!vps || vps.userId !== userId) throw notFound('VPS');
        if (vps.serviceStatus === 'terminated' || vps.serviceStatus === 'cancelled')
          throw new AppError('conflict', 'This service has ended');
        let autoRenew = patch.autoRenew ?? vps.autoRenew;
        let cancelAtPeriodEnd = patch.cancelAtPeriodEnd ?? vps.cancelAtPeriodEnd;
        if (patch.cancelAtPeriodEnd === true) autoRenew = false;
        if (patch.autoRenew === true) cancelAtPeriodEnd = false;
        await repo.updateService(tx, vps.id, { autoRenew, cancelAtPeriodEnd });
        if (!autoRenew && vps.serviceStatus === 'active') {
          await repo.voidUpcomingRenewals(tx, vps.id, now);
        }
      });
    },

    /** Records the payment of an invoice by the admin (bank transfer, cash …). Idempotent. */
    async payInvoice(
      invoiceId: string,
      payment: { provider: string; reference: string; userId?: string },
    ): Promise<TInvoiceDetail> {
      const result = await repo.db.transaction((tx) => applyPayment(tx, invoiceId, payment));
      return billing.detail(result.invoice);
    },
  };
}

export type BillingLifecycle = ReturnType<typeof createBillingLifecycle>;

export const billingLifecycleJob = (lifecycle: BillingLifecycle, logger: Logger) =>
  defineJob({
    name: LIFECYCLE_JOB,
    payload: z.object({}).passthrough(),
    cron: '23 * * * *',
    async handler() {
      const result = await lifecycle.run();
      if (Object.values(result).some(Boolean)) logger.info(result, 'billing lifecycle');
    },
  });

export const billingContaboJob = (lifecycle: BillingLifecycle) =>
  defineJob({
    name: CONTABO_ACTION_JOB,
    payload: ZContaboActionJob,
    retryLimit: 5,
    retryDelay: 30,
    handler: (payload, context) => lifecycle.runContaboAction(payload, context),
  });
