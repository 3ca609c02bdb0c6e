/** Test factories: Settings, audit, e-mail outbox and templates, notifications, jobs, admin tasks, customer notes, legal texts. */
import { randomUUID } from 'node:crypto';
import type { DbOrTx } from '../../src/db/client.ts';
import * as t from '../../src/db/schema/index.ts';
import { createUser } from './accounts.ts';
import { next, type Insert } from './shared.ts';

export async function createSetting(db: DbOrTx, o: Insert<typeof t.settings> = {}) {
  const [row] = await db
    .insert(t.settings)
    .values({ key: `test.${next()}`, value: 'value', ...o })
    .returning();
  return row!;
}

export async function createAuditEntry(db: DbOrTx, o: Insert<typeof t.auditLog> = {}) {
  const [row] = await db
    .insert(t.auditLog)
    .values({ action: 'test.action', ...o })
    .returning();
  return row!;
}

export async function createOutboxEmail(db: DbOrTx, o: Insert<typeof t.emailOutbox> = {}) {
  const [row] = await db
    .insert(t.emailOutbox)
    .values({
      toAddress: 'someone@example.test',
      subject: 'Hola',
      html: '<p>Hola</p>',
      text: 'Hola',
      template: 'test',
      ...o,
    })
    .returning();
  return row!;
}

export async function createNotification(db: DbOrTx, o: Insert<typeof t.notifications> = {}) {
  const [row] = await db
    .insert(t.notifications)
    .values({ audience: 'admins', type: 'order.paid', title: 'Nuevo pedido pagado', ...o })
    .returning();
  return row!;
}

export async function createJobRun(db: DbOrTx, o: Insert<typeof t.jobRuns> = {}) {
  const [row] = await db
    .insert(t.jobRuns)
    .values({ job: 'test-job', ...o })
    .returning();
  return row!;
}

export async function createAdminTask(db: DbOrTx, o: Insert<typeof t.adminTasks> = {}) {
  const [row] = await db
    .insert(t.adminTasks)
    .values({ type: 'cancel_instance', title: 'Cancel instance at Contabo', ...o })
    .returning();
  return row!;
}

export async function createEmailTemplate(db: DbOrTx, o: Insert<typeof t.emailTemplates> = {}) {
  const [row] = await db
    .insert(t.emailTemplates)
    .values({
      key: `test-${randomUUID().slice(0, 8)}`,
      language: 'es',
      subject: 'Asunto <%= it.company %>',
      html: '<p>Hola</p>',
      text: 'Hola',
      ...o,
    })
    .returning();
  return row!;
}

export async function createNotificationRead(db: DbOrTx, o: Insert<typeof t.notificationReads> = {}) {
  const notificationId = o.notificationId ?? (await createNotification(db)).id;
  const userId = o.userId ?? (await createUser(db)).id;
  const [row] = await db
    .insert(t.notificationReads)
    .values({ ...o, notificationId, userId })
    .returning();
  return row!;
}

export async function createCustomerNote(db: DbOrTx, o: Insert<typeof t.customerNotes> = {}) {
  const userId = o.userId ?? (await createUser(db)).id;
  const [row] = await db
    .insert(t.customerNotes)
    .values({ body: 'Prefiere que le escriban por correo.', ...o, userId })
    .returning();
  return row!;
}

let legalVersion = 100;
export async function createLegalDocumentVersion(db: DbOrTx, o: Insert<typeof t.legalDocumentVersions> = {}) {
  const [row] = await db
    .insert(t.legalDocumentVersions)
    .values({
      document: 'terms',
      version: ++legalVersion,
      bodyEs: '# Términos\n\nTexto de prueba.',
      bodyEn: '# Terms\n\nTest text.',
      ...o,
    })
    .returning();
  return row!;
}
