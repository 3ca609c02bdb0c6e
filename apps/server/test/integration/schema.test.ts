import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDrizzleJson, generateMigration } from 'drizzle-kit/api';
import { sql } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { openDatabase, queryRows } from '../../src/db/client.ts';
import { MIGRATIONS_FOLDER, MigrationError, runMigrations } from '../../src/db/migrate.ts';
import * as schema from '../../src/db/schema/index.ts';
import { seedCatalog, SEED_PRODUCTS, SEED_REGIONS } from '../../src/modules/catalog/catalog.seed.ts';
import * as f from '../factories.ts';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../db.ts';

const isTable = (v: unknown): v is PgTable =>
  typeof v === 'object' && v !== null && Symbol.for('drizzle:IsDrizzleTable') in v;

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.destroy();
});

describe(`schema and migrations (${TEST_ENGINE})`, () => {
  it('the committed migrations describe exactly the Drizzle schema (no drift)', async () => {
    const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
      entries: Array<{ idx: number }>;
    };
    const last = journal.entries.at(-1)!.idx;
    const snapshot = JSON.parse(
      readFileSync(join(MIGRATIONS_FOLDER, 'meta', `${String(last).padStart(4, '0')}_snapshot.json`), 'utf8'),
    );
    const current = generateDrizzleJson(schema, snapshot.id);
    expect(await generateMigration(snapshot, current)).toEqual([]);
  });

  it('the database the migrations built has every table, column, index and foreign key of the schema', async () => {
    const tables = Object.values(schema)
      .filter(isTable)
      .map((table) => getTableConfig(table));
    const columns = await queryRows<{ table_name: string; column_name: string; is_nullable: string }>(
      database.db,
      // Tables only: views (the sales ledger's source, migration 0004) are not in the Drizzle schema.
      sql`select table_name, column_name, is_nullable from information_schema.columns where table_schema = 'public'
          and table_name not in (select table_name from information_schema.views where table_schema = 'public')`,
    );
    const indexes = await queryRows<{ tablename: string; indexname: string }>(
      database.db,
      sql`select tablename, indexname from pg_indexes where schemaname = 'public'`,
    );
    const foreignKeys = await queryRows<{ table_name: string; n: number }>(
      database.db,
      sql`select conrelid::regclass::text as table_name, count(*)::int as n from pg_constraint
          where contype = 'f' and connamespace = 'public'::regnamespace group by 1`,
    );
    const actualTables = new Set(columns.map((c) => c.table_name));
    expect([...actualTables].filter((t) => !t.startsWith('__')).sort()).toEqual(
      tables.map((t) => t.name).sort(),
    );
    for (const table of tables) {
      const live = columns
        .filter((c) => c.table_name === table.name)
        .map((c) => `${c.column_name}:${c.is_nullable === 'NO' ? 'not null' : 'null'}`)
        .sort();
      const declared = table.columns
        .map(
          (c) =>
            `${c.name}:${c.notNull || c.primary || table.primaryKeys.some((pk) => pk.columns.includes(c)) ? 'not null' : 'null'}`,
        )
        .sort();
      expect(live, table.name).toEqual(declared);
      const liveIndexes = indexes.filter((i) => i.tablename === table.name).map((i) => i.indexname);
      for (const index of table.indexes) expect(liveIndexes, table.name).toContain(index.config.name);
      const liveFks = foreignKeys.find((r) => r.table_name === table.name)?.n ?? 0;
      expect(liveFks, `${table.name} foreign keys`).toBe(table.foreignKeys.length);
    }
  });

  it('applying the migrations twice is a no-op', async () => {
    await expect(runMigrations(database)).resolves.toBeUndefined();
  });

  it('a broken migration stops with a clear message', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'cv-broken-migration-'));
    mkdirSync(join(folder, 'meta'));
    writeFileSync(join(folder, '0000_broken.sql'), 'create tabel oops (id int);');
    writeFileSync(
      join(folder, 'meta', '_journal.json'),
      JSON.stringify({
        version: '7',
        dialect: 'postgresql',
        entries: [{ idx: 0, version: '7', when: 1, tag: '0000_broken', breakpoints: true }],
      }),
    );
    const scratch = await openDatabase({ memory: true });
    try {
      const error = await runMigrations(scratch, folder).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MigrationError);
      expect((error as Error).message).toMatch(/^Database migration failed: .*(tabel|syntax)/s);
    } finally {
      await scratch.close();
    }
  });

  it('seeds the catalog once: 8 plans × 3 periods, 9 regions, standard images', async () => {
    const first = await seedCatalog(database.db);
    expect(first).toEqual({ regions: SEED_REGIONS.length, products: SEED_PRODUCTS.length, images: 5 });
    const second = await seedCatalog(database.db);
    expect(second).toEqual({ regions: 0, products: 0, images: 0 });
    const rules = await database.db.select().from(schema.priceRules);
    expect(rules).toHaveLength(24);
  });

  it('has a factory for every table, each creating the parents it needs', async () => {
    const db = database.db;
    const created = [
      await f.createUser(db),
      await f.createAdmin(db),
      await f.createSession(db),
      await f.createAccount(db),
      await f.createVerification(db),
      await f.createTwoFactor(db),
      await f.createJwk(db),
      await f.createUsedTotpCode(db),
      await f.createRetiredSessionToken(db),
      await f.createRateLimit(db),
      await f.createSshKey(db),
      await f.createRegion(db),
      await f.createProduct(db),
      await f.createPriceRule(db),
      await f.createProductRegion(db),
      await f.createImage(db),
      await f.createOrder(db),
      await f.createOrderStatusChange(db),
      await f.createProvisioningAttempt(db),
      await f.createVpsInstance(db),
      await f.createVpsStatusChange(db),
      await f.createSnapshot(db),
      await f.createVpsAction(db),
      await f.createInvoice(db),
      await f.createInvoiceItem(db),
      await f.createBillingNotice(db),
      await f.createNumberSequence(db),
      await f.createTransaction(db),
      await f.createWebhookEvent(db),
      await f.createTicket(db),
      await f.createTicketMessage(db),
      await f.createTicketMessageRevision(db),
      await f.createTicketAttachment(db),
      await f.createCannedResponse(db),
      await f.createUnmatchedEmail(db),
      await f.createSetting(db),
      await f.createAuditEntry(db),
      await f.createOutboxEmail(db),
      await f.createNotification(db),
      await f.createJobRun(db),
      await f.createAdminTask(db),
      await f.createVpsFirewall(db),
      await f.createVpsConsoleSession(db),
      await f.createEmailTemplate(db),
      await f.createNotificationRead(db),
      await f.createCustomerNote(db),
      await f.createVpsProbe(db),
      await f.createVpsProbeResult(db),
      await f.createVpsProbeHourly(db),
      await f.createLegalDocumentVersion(db),
      await f.createSalesLedgerEntry(db),
      await f.createSalesLedgerMonth(db),
      await f.createServiceLedgerEntry(db),
      await f.createServiceLedgerNow(db),
      await f.createServiceLedgerMonth(db),
      await f.createCustomerLedgerMonth(db),
      await f.createCustomerLedgerNow(db),
      await f.createUnpaidInvoiceDay(db),
      await f.createCustomerSignupMonth(db),
    ];
    expect(created.every(Boolean)).toBe(true);
    const tables = Object.values(schema).filter(isTable);
    // users (+admin) share a table: one factory per table plus createAdmin.
    expect(created.length).toBe(tables.length + 1);
  });

  it('enforces the business unique constraints', async () => {
    const db = database.db;
    const order = await f.createOrder(db);
    await expect(f.createOrder(db, { orderNumber: order.orderNumber })).rejects.toThrow();
    const vps = await f.createVpsInstance(db);
    await expect(f.createVpsInstance(db, { contaboInstanceId: vps.contaboInstanceId })).rejects.toThrow();
    await f.createInvoice(db, { invoiceNumber: 'CV-2026-000001' });
    await expect(f.createInvoice(db, { invoiceNumber: 'CV-2026-000001' })).rejects.toThrow();
    const user = await f.createUser(db);
    await expect(f.createUser(db, { email: user.email.toUpperCase() })).rejects.toThrow();
    await f.createVpsAction(db, { vpsInstanceId: vps.id, status: 'accepted' });
    await expect(f.createVpsAction(db, { vpsInstanceId: vps.id, status: 'requested' })).rejects.toThrow();
  });
});
