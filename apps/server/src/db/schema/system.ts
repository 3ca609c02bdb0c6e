import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt } from './_columns.ts';
import { users } from './auth.ts';
import { vpsInstances } from './vps.ts';

/** Admin-editable business settings; keys and types live in one registry in code (modules/settings). */
export const settings = pgTable('settings', {
  key: varchar('key', { length: 100 }).primaryKey(),
  value: jsonb('value').notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: updatedAt(),
});

/** Who did what, from where. Never holds passwords or tokens. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    actorId: uuid('actor_id'),
    actorRole: varchar('actor_role', { length: 20 }),
    action: varchar('action', { length: 100 }).notNull(),
    entityType: varchar('entity_type', { length: 50 }),
    entityId: varchar('entity_id', { length: 100 }),
    ipAddress: varchar('ip_address', { length: 64 }),
    userAgent: text('user_agent'),
    requestId: varchar('request_id', { length: 64 }),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    index('audit_log_created_idx').on(t.createdAt),
    index('audit_log_actor_idx').on(t.actorId, t.createdAt),
    index('audit_log_entity_idx').on(t.entityType, t.entityId),
  ],
);

/** Every e-mail we send; with no SMTP configured the messages stay here and the admin reads them. */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: id(),
    userId: uuid('user_id').references(() => users.id),
    toAddress: varchar('to_address', { length: 255 }).notNull(),
    /** Where replies go (e.g. a ticket's signed reply address); null → the From address. */
    replyTo: varchar('reply_to', { length: 255 }),
    subject: varchar('subject', { length: 255 }).notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    template: varchar('template', { length: 100 }).notNull(),
    language: varchar('language', { length: 5 }).notNull().default('es'),
    /** pending | sent | failed | kept (no SMTP: kept in the outbox) */
    status: varchar('status', { length: 20 }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    sentAt: tstz('sent_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('email_outbox_status_idx').on(t.status, t.createdAt),
    index('email_outbox_to_idx').on(t.toAddress),
  ],
);

/** In-app notifications, for one user or for every admin (`audience = 'admins'`). */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    audience: varchar('audience', { length: 20 }).notNull().default('user'),
    type: varchar('type', { length: 50 }).notNull(),
    title: varchar('title', { length: 255 }).notNull(),
    body: text('body').notNull().default(''),
    link: varchar('link', { length: 500 }),
    /** With them the web renders `notices.<type>` in the reader's language; title/body are the Spanish fallback. */
    params: jsonb('params').$type<Record<string, string | number>>(),
    readAt: tstz('read_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.createdAt),
    index('notifications_audience_idx').on(t.audience),
  ],
);

/** What each scheduled job run did (counts), for the admin. */
export const jobRuns = pgTable(
  'job_runs',
  {
    id: id(),
    job: varchar('job', { length: 100 }).notNull(),
    runKey: varchar('run_key', { length: 100 }),
    status: varchar('status', { length: 20 }).notNull().default('running'),
    counts: jsonb('counts').$type<Record<string, number>>().notNull().default({}),
    error: text('error'),
    startedAt: createdAt(),
    finishedAt: tstz('finished_at'),
  },
  (t) => [index('job_runs_job_idx').on(t.job, t.startedAt)],
);

/** Work the operator must do by hand (e.g. cancel a terminated instance at Contabo). */
export const adminTasks = pgTable(
  'admin_tasks',
  {
    id: id(),
    type: varchar('type', { length: 50 }).notNull(),
    /** Makes job-created tasks idempotent, e.g. `contabo-cancel:<vpsId>`. */
    key: varchar('key', { length: 200 }),
    vpsInstanceId: uuid('vps_instance_id').references(() => vpsInstances.id),
    /** open | done */
    status: varchar('status', { length: 20 }).notNull().default('open'),
    title: varchar('title', { length: 255 }).notNull(),
    /** With them the web renders `adminTasks.<type>` in the reader's language; `title` is the Spanish fallback. */
    params: jsonb('params').$type<Record<string, string | number>>(),
    notes: text('notes'),
    doneBy: uuid('done_by').references(() => users.id),
    createdAt: createdAt(),
    doneAt: tstz('done_at'),
  },
  (t) => [
    index('admin_tasks_status_idx').on(t.status, t.createdAt),
    uniqueIndex('admin_tasks_key_unique').on(t.key),
  ],
);
