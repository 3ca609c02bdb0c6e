/**
 * Test factories for every table: each takes overrides and creates the parents it needs, so a test states only what
 * matters to it. All return the inserted row.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../src/db/client.ts';
import * as t from '../src/db/schema/index.ts';

let sequence = 0;
const next = () => ++sequence;

type Insert<T extends { $inferInsert: unknown }> = Partial<T['$inferInsert']>;

export async function createUser(db: DbOrTx, o: Insert<typeof t.users> = {}) {
  const n = next();
  const [row] = await db
    .insert(t.users)
    .values({
      name: `Cliente ${n}`,
      firstName: 'Cliente',
      lastName: String(n),
      email: `customer${n}-${randomUUID().slice(0, 8)}@example.test`,
      emailVerified: true,
      ...o,
    })
    .returning();
  return row!;
}

export const createAdmin = (db: DbOrTx, o: Insert<typeof t.users> = {}) =>
  createUser(db, { role: 'admin', ...o });

export async function createSession(db: DbOrTx, o: Insert<typeof t.sessions> = {}) {
  const userId = o.userId ?? (await createUser(db)).id;
  const [row] = await db
    .insert(t.sessions)
    .values({ token: randomUUID(), expiresAt: new Date(Date.now() + 86_400_000), ...o, userId })
    .returning();
  return row!;
}

export async function createAccount(db: DbOrTx, o: Insert<typeof t.accounts> = {}) {
  const userId = o.userId ?? (await createUser(db)).id;
  const [row] = await db
    .insert(t.accounts)
    .values({ accountId: userId, providerId: 'credential', ...o, userId })
    .returning();
  return row!;
}

export async function createVerification(db: DbOrTx, o: Insert<typeof t.verifications> = {}) {
  const [row] = await db
    .insert(t.verifications)
    .values({
      identifier: `test-${next()}`,
      value: randomUUID(),
      expiresAt: new Date(Date.now() + 3_600_000),
      ...o,
    })
    .returning();
  return row!;
}

export async function createTwoFactor(db: DbOrTx, o: Insert<typeof t.twoFactors> = {}) {
  const userId = o.userId ?? (await createUser(db)).id;
  const [row] = await db
    .insert(t.twoFactors)
    .values({ secret: 'encrypted-secret', backupCodes: 'encrypted-codes', ...o, userId })
    .returning();
  return row!;
}

export async function createUsedTotpCode(db: DbOrTx, o: Insert<typeof t.usedTotpCodes> = {}) {
  const userId = o.userId ?? (await createUser(db)).id;
  const [row] = await db
    .insert(t.usedTotpCodes)
    .values({ code: '123456', usedAt: new Date(), ...o, userId })
    .returning();
  return row!;
}

export async function createRetiredSessionToken(db: DbOrTx, o: Insert<typeof t.retiredSessionTokens> = {}) {
  const sessionId = o.sessionId ?? (await createSession(db)).id;
  const [row] = await db
    .insert(t.retiredSessionTokens)
    .values({ tokenHash: randomBytes(32).toString('hex'), retiredAt: new Date(), ...o, sessionId })
    .returning();
  return row!;
}

export async function createJwk(db: DbOrTx, o: Insert<typeof t.jwks> = {}) {
  const [row] = await db
    .insert(t.jwks)
    .values({ publicKey: 'public', privateKey: 'private', ...o })
    .returning();
  return row!;
}

export async function createRateLimit(db: DbOrTx, o: Insert<typeof t.rateLimits> = {}) {
  const [row] = await db
    .insert(t.rateLimits)
    .values({ key: `key-${next()}`, count: 1, lastRequest: Date.now(), ...o })
    .returning();
  return row!;
}

export async function createSshKey(db: DbOrTx, o: Insert<typeof t.sshKeys> = {}) {
  const userId = o.userId ?? (await createUser(db)).id;
  const n = next();
  const [row] = await db
    .insert(t.sshKeys)
    .values({
      name: `laptop ${n}`,
      publicKey: `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${String(n).padStart(8, '0')} test@example`,
      keyType: 'ssh-ed25519',
      fingerprint: `SHA256:test${n}`,
      ...o,
      userId,
    })
    .returning();
  return row!;
}

export async function createRegion(db: DbOrTx, o: Insert<typeof t.regions> = {}) {
  const [row] = await db
    .insert(t.regions)
    .values({ code: `R${next()}`, name: 'Test region', location: 'Testland', ...o })
    .onConflictDoUpdate({ target: t.regions.code, set: { isActive: o.isActive ?? true } })
    .returning();
  return row!;
}

export async function createProduct(
  db: DbOrTx,
  o: Insert<typeof t.products> & { regions?: string[]; periods?: number[] } = {},
) {
  const { regions = ['EU'], periods = [1, 6, 12], ...values } = o;
  const n = next();
  const [row] = await db
    .insert(t.products)
    .values({
      contaboProductId: `T${n}`,
      name: `Test plan ${n}`,
      costMinor: 500,
      sellingPriceMinor: 800,
      ramMb: 4096,
      cpuCores: 2,
      diskGb: 75,
      diskType: 'NVMe',
      ...values,
    })
    .returning();
  for (const code of regions) {
    await createRegion(db, { code });
    await db.insert(t.productRegions).values({ productId: row!.id, regionCode: code }).onConflictDoNothing();
  }
  for (const periodMonths of periods) {
    await createPriceRule(db, { productId: row!.id, periodMonths, costMinor: row!.costMinor * periodMonths });
  }
  return row!;
}

export async function createPriceRule(db: DbOrTx, o: Insert<typeof t.priceRules> = {}) {
  const productId = o.productId ?? (await createProduct(db, { periods: [] })).id;
  const [row] = await db
    .insert(t.priceRules)
    .values({ periodMonths: 1, costMinor: 500, ...o, productId })
    .returning();
  return row!;
}

export async function createProductRegion(db: DbOrTx, o: Insert<typeof t.productRegions> = {}) {
  const productId = o.productId ?? (await createProduct(db, { regions: [] })).id;
  const regionCode = o.regionCode ?? (await createRegion(db)).code;
  const [row] = await db
    .insert(t.productRegions)
    .values({ ...o, productId, regionCode })
    .returning();
  return row!;
}

export async function createImage(db: DbOrTx, o: Insert<typeof t.images> = {}) {
  const n = next();
  const [row] = await db
    .insert(t.images)
    .values({ contaboImageId: randomUUID(), name: `test-os-${n}`, osType: 'Linux', version: String(n), ...o })
    .returning();
  return row!;
}

export async function createOrder(db: DbOrTx, o: Insert<typeof t.orders> = {}) {
  const userId = o.userId ?? (await createUser(db)).id;
  const productId = o.productId ?? (await createProduct(db)).id;
  if (!o.region) await createRegion(db, { code: 'EU' });
  const [row] = await db
    .insert(t.orders)
    .values({
      orderNumber: `CV-TEST-${String(next()).padStart(6, '0')}-${randomUUID().slice(0, 4)}`,
      subtotalMinor: 800,
      totalMinor: 800,
      region: 'EU',
      ...o,
      userId,
      productId,
    })
    .returning();
  return row!;
}

export async function createOrderStatusChange(db: DbOrTx, o: Insert<typeof t.orderStatusHistory> = {}) {
  const orderId = o.orderId ?? (await createOrder(db)).id;
  const [row] = await db
    .insert(t.orderStatusHistory)
    .values({ toStatus: 'pending', actorType: 'system', ...o, orderId })
    .returning();
  return row!;
}

export async function createProvisioningAttempt(db: DbOrTx, o: Insert<typeof t.provisioningAttempts> = {}) {
  const orderId = o.orderId ?? (await createOrder(db, { status: 'provisioning' })).id;
  const [row] = await db
    .insert(t.provisioningAttempts)
    .values({ status: 'intent', displayName: `cv-${orderId.slice(0, 8)}`, ...o, orderId })
    .returning();
  return row!;
}

export async function createVpsInstance(db: DbOrTx, o: Insert<typeof t.vpsInstances> = {}) {
  const userId = o.userId ?? (await createUser(db)).id;
  const [row] = await db
    .insert(t.vpsInstances)
    .values({
      contaboInstanceId: 100_000_000 + next(),
      status: 'running',
      ipAddress: '203.0.113.10',
      region: 'EU',
      expiresAt: new Date(Date.now() + 30 * 86_400_000),
      ...o,
      userId,
    })
    .returning();
  return row!;
}

export async function createVpsStatusChange(db: DbOrTx, o: Insert<typeof t.vpsStatusHistory> = {}) {
  const vpsInstanceId = o.vpsInstanceId ?? (await createVpsInstance(db)).id;
  const [row] = await db
    .insert(t.vpsStatusHistory)
    .values({ toStatus: 'running', ...o, vpsInstanceId })
    .returning();
  return row!;
}

export async function createSnapshot(db: DbOrTx, o: Insert<typeof t.snapshots> = {}) {
  const vpsInstanceId = o.vpsInstanceId ?? (await createVpsInstance(db)).id;
  const [row] = await db
    .insert(t.snapshots)
    .values({ contaboSnapshotId: `snap${next()}`, name: 'before-upgrade', ...o, vpsInstanceId })
    .returning();
  return row!;
}

export async function createVpsAction(db: DbOrTx, o: Insert<typeof t.vpsActions> = {}) {
  const vpsInstanceId = o.vpsInstanceId ?? (await createVpsInstance(db)).id;
  const [row] = await db
    .insert(t.vpsActions)
    .values({ actionType: 'start', status: 'completed', ...o, vpsInstanceId })
    .returning();
  return row!;
}

export async function createInvoice(db: DbOrTx, o: Insert<typeof t.invoices> = {}) {
  const userId = o.userId ?? (await createUser(db)).id;
  const [row] = await db
    .insert(t.invoices)
    .values({ currency: 'USD', subtotalMinor: 800, totalMinor: 800, ...o, userId })
    .returning();
  return row!;
}

export async function createInvoiceItem(db: DbOrTx, o: Insert<typeof t.invoiceItems> = {}) {
  const invoiceId = o.invoiceId ?? (await createInvoice(db)).id;
  const [row] = await db
    .insert(t.invoiceItems)
    .values({ description: 'VPS 10 NVMe — 1 mes', unitPriceMinor: 800, totalMinor: 800, ...o, invoiceId })
    .returning();
  return row!;
}

export async function createBillingNotice(db: DbOrTx, o: Insert<typeof t.billingNotices> = {}) {
  const invoiceId = o.invoiceId ?? (await createInvoice(db)).id;
  const [row] = await db
    .insert(t.billingNotices)
    .values({ key: `reminder:${invoiceId}:${next()}`, kind: 'reminder', ...o, invoiceId })
    .returning();
  return row!;
}

export async function createNumberSequence(db: DbOrTx, o: Insert<typeof t.numberSequences> = {}) {
  const [row] = await db
    .insert(t.numberSequences)
    .values({ scope: `test-${next()}`, year: 2026, ...o })
    .returning();
  return row!;
}

export async function createTransaction(db: DbOrTx, o: Insert<typeof t.transactions> = {}) {
  const userId = o.userId ?? (await createUser(db)).id;
  const [row] = await db
    .insert(t.transactions)
    .values({
      provider: 'sandbox',
      providerTxId: randomUUID(),
      amountMinor: 800,
      currency: 'USD',
      ...o,
      userId,
    })
    .returning();
  return row!;
}

export async function createWebhookEvent(db: DbOrTx, o: Insert<typeof t.webhookEvents> = {}) {
  const [row] = await db
    .insert(t.webhookEvents)
    .values({ provider: 'stripe', eventId: `evt_${randomUUID()}`, ...o })
    .returning();
  return row!;
}

export async function createTicket(db: DbOrTx, o: Insert<typeof t.supportTickets> = {}) {
  const userId = o.userId ?? (await createUser(db)).id;
  const [row] = await db
    .insert(t.supportTickets)
    .values({
      subject: 'Mi servidor no responde',
      number: `CV-T-T${next()}-${randomUUID().slice(0, 6)}`,
      ...o,
      userId,
    })
    .returning();
  return row!;
}

export async function createTicketMessage(db: DbOrTx, o: Insert<typeof t.ticketMessages> = {}) {
  const ticketId = o.ticketId ?? (await createTicket(db)).id;
  const [row] = await db
    .insert(t.ticketMessages)
    .values({ message: 'Hola, ¿pueden revisar?', ...o, ticketId })
    .returning();
  return row!;
}

export async function createTicketMessageRevision(
  db: DbOrTx,
  o: Insert<typeof t.ticketMessageRevisions> = {},
) {
  const messageId = o.messageId ?? (await createTicketMessage(db, { isAdmin: true })).id;
  const [row] = await db
    .insert(t.ticketMessageRevisions)
    .values({ previousMessage: 'Texto anterior', ...o, messageId })
    .returning();
  return row!;
}

export async function createTicketAttachment(db: DbOrTx, o: Insert<typeof t.ticketAttachments> = {}) {
  const message = o.messageId
    ? { id: o.messageId, ticketId: o.ticketId! }
    : await createTicketMessage(db, o.ticketId ? { ticketId: o.ticketId } : {});
  const [row] = await db
    .insert(t.ticketAttachments)
    .values({
      filename: 'registro.log',
      contentType: 'text/plain; charset=utf-8',
      sizeBytes: 12,
      storageKey: `tickets/${randomUUID()}`,
      ...o,
      ticketId: message.ticketId,
      messageId: message.id,
    })
    .returning();
  return row!;
}

export async function createCannedResponse(db: DbOrTx, o: Insert<typeof t.cannedResponses> = {}) {
  const [row] = await db
    .insert(t.cannedResponses)
    .values({ title: `Respuesta ${next()}`, body: 'Hola {{customer.firstName}}, ya lo revisamos.', ...o })
    .returning();
  return row!;
}

export async function createUnmatchedEmail(db: DbOrTx, o: Insert<typeof t.unmatchedEmails> = {}) {
  const [row] = await db
    .insert(t.unmatchedEmails)
    .values({
      fromAddress: 'alguien@example.test',
      toAddress: 'soporte@cloudvertice.local',
      subject: 'Hola',
      body: 'Texto',
      reason: 'unsigned',
      ...o,
    })
    .returning();
  return row!;
}

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

export async function createVpsFirewall(db: DbOrTx, o: Insert<typeof t.vpsFirewalls> = {}) {
  const vps = o.vpsInstanceId ? null : await createVpsInstance(db);
  const [row] = await db
    .insert(t.vpsFirewalls)
    .values({
      vpsInstanceId: vps?.id ?? o.vpsInstanceId!,
      userId: vps?.userId ?? o.userId ?? (await createUser(db)).id,
      contaboFirewallId: randomUUID(),
      rules: [{ protocol: 'tcp', ports: ['22'], sources: [], description: 'SSH' }],
      ...o,
    })
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

export async function createVpsConsoleSession(db: DbOrTx, o: Insert<typeof t.vpsConsoleSessions> = {}) {
  const vps = o.vpsInstanceId ? null : await createVpsInstance(db);
  const [row] = await db
    .insert(t.vpsConsoleSessions)
    .values({
      vpsInstanceId: vps?.id ?? o.vpsInstanceId!,
      userId: vps?.userId ?? o.userId ?? (await createUser(db)).id,
      ticketHash: randomUUID().replaceAll('-', '').padEnd(64, '0'),
      expiresAt: new Date(Date.now() + 30_000),
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

export async function createVpsProbe(db: DbOrTx, o: Insert<typeof t.vpsProbes> = {}) {
  const vpsInstanceId = o.vpsInstanceId ?? (await createVpsInstance(db)).id;
  const [row] = await db
    .insert(t.vpsProbes)
    .values({ enabled: true, ...o, vpsInstanceId })
    .returning();
  return row!;
}

export async function createVpsProbeResult(db: DbOrTx, o: Insert<typeof t.vpsProbeResults> = {}) {
  const vpsInstanceId = o.vpsInstanceId ?? (await createVpsInstance(db)).id;
  const [row] = await db
    .insert(t.vpsProbeResults)
    .values({ at: new Date(), latencyMs: 20, error: null, ...o, vpsInstanceId })
    .returning();
  return row!;
}

export async function createVpsProbeHourly(db: DbOrTx, o: Insert<typeof t.vpsProbeHourly> = {}) {
  const vpsInstanceId = o.vpsInstanceId ?? (await createVpsInstance(db)).id;
  const [row] = await db
    .insert(t.vpsProbeHourly)
    .values({
      hour: new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000),
      probes: 12,
      failures: 0,
      latencyAvgMs: 20,
      latencyMaxMs: 30,
      ...o,
      vpsInstanceId,
    })
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

/**
 * The sales ledger is written by the database (triggers on invoices and transactions): its factory creates a paid
 * invoice and returns the row the trigger wrote for it.
 */
export async function createSalesLedgerEntry(db: DbOrTx, o: Insert<typeof t.invoices> = {}) {
  const invoice = await createInvoice(db, { status: 'paid', paidAt: new Date(), ...o });
  const [row] = await db.select().from(t.salesLedger).where(eq(t.salesLedger.documentId, invoice.id));
  return row!;
}

/** The monthly sums the same triggers keep: a paid invoice's month and plan. */
export async function createSalesLedgerMonth(db: DbOrTx, o: Insert<typeof t.invoices> = {}) {
  const entry = await createSalesLedgerEntry(db, o);
  const month = `${entry.at.toISOString().slice(0, 7)}-01`;
  const rows = await db.select().from(t.salesLedgerMonths).where(eq(t.salesLedgerMonths.month, month));
  return rows.find((r) => r.productKey === (entry.productId ?? '') && r.currency === entry.currency)!;
}
