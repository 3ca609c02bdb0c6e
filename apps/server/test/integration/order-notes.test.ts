// Issue #16 item 5: notes the server writes on an order's history are codes with parameters (rendered per language
// by the web), and the migration turns the English sentences written before into those codes.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { asc, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { orderStatusHistory } from '../../src/db/schema/index.ts';
import { MIGRATIONS_FOLDER } from '../../src/db/migrate.ts';
import { ORDER_NOTE_CODES } from '../../src/modules/orders/orders.notes.ts';
import { useTestApp } from '../app.ts';
import { admin, api } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';
import * as f from '../factories.ts';
import { paidSandboxOrder } from '../order-helpers.ts';

const t = useTestApp();

type Entry = { toStatus: string; note: string | null; noteCode: string | null; noteParams: unknown };

describe(`order history notes (${TEST_ENGINE})`, () => {
  it('records payment and assignment as codes with parameters, never as English text', async () => {
    const { as, order, payment } = await paidSandboxOrder(t);
    const asAdmin = api(t.app, (await admin(t)).accessToken);
    const provision = await asAdmin({
      method: 'POST',
      url: `/api/admin/orders/${order.id}/provision`,
      payload: { contaboInstanceId: 100001 },
    });
    expect(provision.statusCode).toBe(200);

    const history = (await as({ method: 'GET', url: `/api/orders/${order.id}` })).json().history as Entry[];
    expect(history.map((h) => [h.toStatus, h.noteCode, h.noteParams])).toEqual([
      ['pending', null, null],
      ['paid', 'paid', { provider: 'sandbox', paymentId: payment.id }],
      ['completed', 'assigned_instance', { instanceId: 100001 }],
    ]);
    expect(history.every((h) => h.note === null)).toBe(true);
  });

  it('the migration turns the English notes written before into codes, keeps staff notes, and can run twice', async () => {
    const statements = (await readFile(path.join(MIGRATIONS_FOLDER, '0004_a16_rest.sql'), 'utf8'))
      .split('-- hand-written')[1]!
      .split('--> statement-breakpoint')
      .map((statement) => statement.trim());
    const db = t.database.db;
    const order = await f.createOrder(db);
    const notes = [
      'Paid with stripe (payment 3f0a8a3c-52c1-4f7b-9a51-0b7d3f7e2d11)',
      'Assigned Contabo instance 100004',
      'Assigned instance 100005',
      'Contabo instance 200017 is running',
      'Creating the instance through the Contabo API',
      'Unpaid for 7 days',
      'Paid with cash at the office, see ticket',
      'Llamé al cliente: pide otra región',
    ];
    for (const [i, note] of notes.entries()) {
      await f.createOrderStatusChange(db, {
        orderId: order.id,
        note,
        createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)),
      });
    }
    for (let run = 0; run < 2; run++)
      for (const statement of statements) await db.execute(sql.raw(statement));
    const rows = await db
      .select()
      .from(orderStatusHistory)
      .where(eq(orderStatusHistory.orderId, order.id))
      .orderBy(asc(orderStatusHistory.createdAt));
    expect(rows.map((r) => [r.note, r.noteCode, r.noteParams])).toEqual([
      [null, 'paid', { provider: 'stripe', paymentId: '3f0a8a3c-52c1-4f7b-9a51-0b7d3f7e2d11' }],
      [null, 'assigned_instance', { instanceId: 100004 }],
      [null, 'assigned_instance', { instanceId: 100005 }],
      [null, 'instance_running', { instanceId: 200017 }],
      [null, 'creating_instance', null],
      [null, 'unpaid_cancelled', { days: 7 }],
      ['Paid with cash at the office, see ticket', null, null],
      ['Llamé al cliente: pide otra región', null, null],
    ]);
    for (const row of rows) if (row.noteCode) expect(ORDER_NOTE_CODES).toContain(row.noteCode);
  });
});
