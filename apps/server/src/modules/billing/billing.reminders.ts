import { customerNotice, staffNotice } from '../notifications/in-app.ts';
import {
  firstName,
  formatDay,
  money,
  serverName,
  type LifecycleContext,
} from './billing.lifecycle.context.ts';
import {
  DAY,
  daysAfter,
  reminderDue,
  terminatesAt,
  terminationWarningCutoff,
} from './billing.lifecycle.rules.ts';

/** The lifecycle's e-mails that change nothing but warn: reminders, overdue notices, termination warnings. */
export function createReminders(ctx: LifecycleContext) {
  const { repo, settings, sendOnceNow, invoiceLink, appUrl } = ctx;

  /** The latest reminder threshold passed (7, 3, 1 days before …); one e-mail per threshold and invoice. */
  async function sendReminders(now: Date): Promise<number> {
    const thresholds = await settings.get('billing.reminderDays');
    if (!thresholds.length) return 0;
    const rows = await repo.invoicesToRemind(now, daysAfter(now, Math.max(...thresholds)));
    let count = 0;
    for (const { invoice, vps, user, sent } of rows) {
      const due = reminderDue(invoice, now, thresholds);
      if (!due || sent.includes(due.key)) continue;
      const notice = { key: due.key, kind: 'reminder', invoiceId: invoice.id, vpsId: vps.id };
      const recorded = await sendOnceNow(now, user, notice, 'invoice-reminder', (language) => ({
        name: firstName(user),
        serverName: serverName(vps),
        invoiceNumber: invoice.invoiceNumber ?? '',
        amount: money(invoice, language),
        dueDate: formatDay(invoice.dueAt!, language),
        daysLeft: due.daysLeft,
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
      const suspendAt = daysAfter(invoice.dueAt!, grace);
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
          suspendDate: formatDay(suspendAt, language),
          link: invoiceLink(invoice.id),
        }),
        (language) => [
          customerNotice.suspensionWarning(user.id, language, {
            invoiceId: invoice.id,
            serverName: serverName(vps),
            invoiceNumber: invoice.invoiceNumber ?? '',
            suspendAt,
          }),
          {
            userId: null,
            audience: 'admins',
            ...staffNotice.renewalOverdue({
              invoiceNumber: invoice.invoiceNumber ?? '',
              serverName: serverName(vps),
              customer: user.email,
              totalMinor: invoice.totalMinor,
              currency: invoice.currency,
            }),
          },
        ],
      );
      if (recorded) sent++;
    }
    return sent;
  }

  async function sendTerminationWarnings(now: Date): Promise<number> {
    const terminateAfter = await settings.get('billing.terminateAfterDays');
    const warnDays = await settings.get('billing.terminationWarningDays');
    const cutoff = terminationWarningCutoff(now, terminateAfter, warnDays);
    let sent = 0;
    for (const { vps, user, invoice } of await repo.suspendedSince(cutoff, 'termination-warning')) {
      const ends = terminatesAt(vps.suspendedAt!, terminateAfter);
      if (ends <= now) continue;
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
        terminateDate: formatDay(ends, language),
        daysLeft: Math.max(1, Math.ceil((ends.getTime() - now.getTime()) / DAY)),
        link: invoice ? invoiceLink(invoice.id) : `${appUrl}/panel/invoices`,
      }));
      if (recorded) sent++;
    }
    return sent;
  }

  return { sendReminders, sendOverdueNotices, sendTerminationWarnings };
}
