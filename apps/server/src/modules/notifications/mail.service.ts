import type { Config } from '../../config.ts';
import type { DbOrTx } from '../../db/client.ts';
import type { Mailer } from '../../integrations/mailer/mailer.ts';
import { defineJob, type JobQueue } from '../../jobs/queue.ts';
import type { Clock } from '../../lib/clock.ts';
import { notFound } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import { offsetOf, type TPagination } from '../../lib/pagination.ts';
import type { SettingsService } from '../../settings/settings.service.ts';
import type { OutboxRepo, OutboxRow } from './outbox.repo.ts';
import { ZSendEmailJob, type TOutboxDetail, type TOutboxItem } from './outbox.schemas.ts';
import {
  renderTemplate,
  type Language,
  type RenderedEmail,
  type TemplateData,
  type TemplateName,
} from './templates/index.ts';

export const SEND_EMAIL_JOB = 'email.send';

export interface QueueEmailInput<T extends TemplateName> {
  to: string;
  userId?: string | null;
  language?: string | null;
  template: T;
  data: TemplateData<T>;
  /** Reply-To address (ticket e-mails carry the ticket's signed reply address). */
  replyTo?: string | null;
}

export interface MailServiceDeps {
  repo: OutboxRepo;
  jobs: JobQueue;
  mailer: Mailer;
  settings: SettingsService;
  config: Config;
  clock: Clock;
  logger: Logger;
  /** Operator-edited templates: renders the editable ones (null: not editable, the built-in function renders). */
  editable?: {
    render(
      key: string,
      data: Record<string, unknown>,
      language: Language,
      tx?: DbOrTx,
    ): Promise<RenderedEmail | null>;
  };
  /** Delivery outcomes (metrics). */
  onDelivery?: (outcome: 'sent' | 'failed' | 'kept') => void;
}

/**
 * E-mail delivery: `queue` renders the template in the recipient's language, stores the message in `email_outbox`
 * (status pending) and enqueues `email.send` in the same transaction; the job delivers it with retries. With no SMTP
 * configured the row is marked `kept` and stays readable in the admin panel. A failed send never loses the message.
 */
export function createMailService({
  repo,
  jobs,
  mailer,
  settings,
  config,
  clock,
  logger,
  onDelivery,
  editable,
}: MailServiceDeps) {
  async function brand(tx?: DbOrTx) {
    const s = await settings.getMany(['company.name', 'company.logoUrl', 'company.email'], tx);
    return {
      companyName: s['company.name'],
      logoUrl: s['company.logoUrl'],
      supportEmail: s['company.email'],
      appUrl: config.appUrl,
    };
  }

  async function insertAndEnqueue(tx: DbOrTx, row: Parameters<OutboxRepo['insert']>[0]) {
    const stored = await repo.insert(row, tx);
    await jobs.enqueue(SEND_EMAIL_JOB, { outboxId: stored.id }, { tx, singletonKey: stored.id });
    return stored;
  }

  return {
    async queue<T extends TemplateName>(input: QueueEmailInput<T>, tx?: DbOrTx): Promise<{ id: string }> {
      const language: Language = input.language === 'en' ? 'en' : 'es';
      const rendered =
        (await editable?.render(
          input.template,
          input.data as unknown as Record<string, unknown>,
          language,
          tx,
        )) ?? renderTemplate(input.template, input.data, await brand(tx), language);
      const row = {
        userId: input.userId ?? null,
        toAddress: input.to,
        replyTo: input.replyTo ?? null,
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
        template: input.template,
        language,
      };
      const stored = tx
        ? await insertAndEnqueue(tx, row)
        : await repo.transaction((t) => insertAndEnqueue(t, row));
      return { id: stored.id };
    },

    /** Stores and sends a message rendered elsewhere (a template test from Ajustes → Correos). */
    async queueRendered(input: {
      to: string;
      userId: string | null;
      language: Language;
      template: string;
      rendered: RenderedEmail;
    }): Promise<{ id: string }> {
      const row = {
        userId: input.userId,
        toAddress: input.to,
        subject: input.rendered.subject.slice(0, 255),
        html: input.rendered.html,
        text: input.rendered.text,
        template: input.template,
        language: input.language,
      };
      const stored = await repo.transaction((t) => insertAndEnqueue(t, row));
      return { id: stored.id };
    },

    /** The `email.send` job: idempotent (a sent or kept row is skipped), retried by the queue on failure. */
    async deliver(outboxId: string, context: { finalAttempt: boolean }): Promise<void> {
      const row = await repo.find(outboxId);
      if (!row || row.status === 'sent' || row.status === 'kept') return;
      try {
        const result = await mailer.send({
          from: config.EMAIL_FROM,
          to: row.toAddress,
          ...(row.replyTo ? { replyTo: row.replyTo } : {}),
          subject: row.subject,
          html: row.html,
          text: row.text,
        });
        await repo.markDelivered(row.id, result.delivered ? 'sent' : 'kept', clock.now());
        onDelivery?.(result.delivered ? 'sent' : 'kept');
      } catch (error) {
        onDelivery?.('failed');
        const message = (error as Error).message;
        await repo.markAttemptFailed(row.id, message, context.finalAttempt);
        logger.warn({ outboxId, final: context.finalAttempt, error: message }, 'e-mail delivery failed');
        throw error;
      }
    },

    async list(
      q: TPagination & { status?: string; to?: string },
    ): Promise<{ items: TOutboxItem[]; total: number }> {
      const { rows, total } = await repo.list({ ...q, limit: q.pageSize, offset: offsetOf(q) });
      return { items: rows.map(presentItem), total };
    },

    async get(id: string): Promise<TOutboxDetail> {
      const row = await repo.find(id);
      if (!row) throw notFound('E-mail');
      // Delivered messages went to their owner: their single-use links are not shown to the admin.
      const mask = row.status === 'sent' ? maskLinks : (s: string) => s;
      return { ...presentItem(row), html: mask(row.html), text: mask(row.text) };
    },
  };
}

export type MailService = ReturnType<typeof createMailService>;

export const sendEmailJob = (mail: MailService) =>
  defineJob({
    name: SEND_EMAIL_JOB,
    payload: ZSendEmailJob,
    retryLimit: 5,
    retryDelay: 30,
    retryBackoff: true,
    // Up to 25 messages at once over the pooled SMTP connections; the next batch follows at once while there is more.
    batchSize: 25,
    pollingIntervalSeconds: 1,
    handler: (payload, context) => mail.deliver(payload.outboxId, context),
  });

const maskLinks = (s: string) => s.replace(/\/(verify-email|reset-password)\/[A-Za-z0-9._~%-]+/g, '/$1/…');

function presentItem(row: OutboxRow): TOutboxItem {
  return {
    id: row.id,
    userId: row.userId,
    to: row.toAddress,
    subject: row.subject,
    template: row.template,
    language: row.language,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    sentAt: row.sentAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
