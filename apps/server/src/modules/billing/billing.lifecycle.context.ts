import type { ContaboClient } from '@cloud-vertice/contabo';
import type { DbOrTx } from '../../db/client.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import type { Clock } from '../../lib/clock.ts';
import { formatDay } from '../../lib/dates.ts';
import type { Logger } from '../../lib/logger.ts';
import { formatMoney } from '../../lib/money.ts';
import { createPendingBells } from '../notifications/in-app.ts';
import type { MailService } from '../notifications/mail.service.ts';
import type { NewNotification, NotificationsService } from '../notifications/notifications.service.ts';
import type { TemplateData, TemplateName } from '../notifications/templates/index.ts';
import type { SettingsService } from '../../settings/settings.service.ts';
import { CONTABO_ACTION_JOB, type ContaboActionJob } from './billing.contabo-actions.ts';
import { languageOf, type InvoiceLanguage } from './billing.i18n.ts';
import type { InvoicesRepo } from './billing.invoices.repo.ts';
import type { LifecycleRepo } from './billing.lifecycle.repo.ts';
import type { BillingUserRow, InvoiceRow } from './billing.repo.ts';
import type { BillingService } from './billing.service.ts';
import type { BillingTasksRepo } from './billing.tasks.repo.ts';

/** What the lifecycle reads and writes: its selections, the admin tasks and runs, and paying an invoice. */
export type BillingLifecycleRepo = LifecycleRepo &
  Pick<
    BillingTasksRepo,
    'insertTask' | 'updateTask' | 'findTask' | 'startJobRun' | 'finishJobRun' | 'lastJobRuns'
  > &
  Pick<InvoicesRepo, 'lockInvoice' | 'updateInvoice' | 'linkTransaction' | 'insertTransaction' | 'findUser'>;

export interface BillingLifecycleDeps {
  repo: BillingLifecycleRepo;
  billing: Pick<BillingService, 'issue' | 'detail'>;
  settings: Pick<SettingsService, 'get'>;
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

/** A lifecycle e-mail's record: sent once per key. */
export interface Notice {
  key: string;
  kind: string;
  invoiceId: string | null;
  vpsId: string | null;
}

export type ServiceRow = NonNullable<Awaited<ReturnType<LifecycleRepo['serviceForRenewal']>>>;
export type VpsRow = ServiceRow['vps'];

export { formatDay };
export const firstName = (user: BillingUserRow) => user.firstName || user.name || '';
export const serverName = (vps: VpsRow) => vps.displayName ?? vps.name ?? String(vps.contaboInstanceId);
export const money = (invoice: InvoiceRow, language: InvoiceLanguage) =>
  formatMoney(invoice.totalMinor, invoice.currency, language);

/** What every lifecycle step shares: its dependencies, the bells, queued Contabo calls and once-only e-mails. */
export function createLifecycleContext(deps: BillingLifecycleDeps) {
  const { repo, mail, logger, appUrl } = deps;
  const bells = createPendingBells(deps.notifications, logger);

  /** Queues a Contabo call inside `tx`, once per service, action and moment. */
  async function queueContabo(tx: DbOrTx, job: ContaboActionJob, at: Date) {
    await deps.jobs.enqueue(CONTABO_ACTION_JOB, job, {
      tx,
      singletonKey: `${job.action}:${job.vpsId}:${at.toISOString()}`,
    });
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
    const sent = await repo.transaction((tx) => sendOnce(tx, now, user, notice, template, data, notes));
    await bells.ring();
    return sent;
  };

  return {
    ...deps,
    bells,
    queueContabo,
    sendOnce,
    sendOnceNow,
    invoiceLink: (id: string) => `${appUrl}/panel/invoices/${id}?pay=1`,
  };
}

export type LifecycleContext = ReturnType<typeof createLifecycleContext>;
