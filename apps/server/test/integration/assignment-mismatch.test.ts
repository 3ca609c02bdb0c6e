import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  auditLog,
  invoiceItems,
  invoices,
  productRegions,
  products,
  vpsInstances,
} from '../../src/db/schema/index.ts';
import { ManualClock } from '../../src/lib/clock.ts';
import { api, emailsTo, useTestAppWithAdmin } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';
import { paidSandboxOrder } from '../order-helpers.ts';

const { t, asAdmin } = useTestAppWithAdmin({ clock: new ManualClock('2026-03-01T12:00:00Z') });

/** A customer's paid order for VPS 10 NVMe (V91) in the EU, with a hostname and no SSH key. */
const paidEuOrder = () => paidSandboxOrder(t, { displayName: 'web-eu' });

describe(`assigning an instance that differs from the order (${TEST_ENGINE})`, () => {
  it('refuses without an explicit confirmation and lists the differences', async () => {
    const { order } = await paidEuOrder();
    // The simulator's 100003 is a VPS 20 NVMe (V94) in US-east.
    const refused = await asAdmin({
      method: 'POST',
      url: `/api/admin/orders/${order.id}/provision`,
      payload: { contaboInstanceId: 100003 },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: 'assignment_mismatch',
      details: {
        differences: [
          { field: 'product', ordered: 'V91', delivered: 'V94' },
          { field: 'region', ordered: 'EU', delivered: 'US-east' },
        ],
      },
    });
    const detail = (await asAdmin({ method: 'GET', url: `/api/admin/orders/${order.id}` })).json();
    expect(detail.status).toBe('paid');
    expect(detail.vps).toBeNull();
    const notBoolean = await asAdmin({
      method: 'POST',
      url: `/api/admin/orders/${order.id}/provision`,
      payload: { contaboInstanceId: 100003, confirmMismatch: 'yes' },
    });
    expect(notBoolean.statusCode).toBe(400);
  });

  it('assigns a matching instance without asking', async () => {
    const { order } = await paidEuOrder();
    const res = await asAdmin({
      method: 'POST',
      url: `/api/admin/orders/${order.id}/provision`,
      payload: { contaboInstanceId: 100001 }, // VPS 10 NVMe in the EU, running
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().order.status).toBe('completed');
  });

  it('on confirmation records it, tells the customer and renews at the delivered plan and region', async () => {
    const { c, order } = await paidEuOrder();
    const res = await asAdmin({
      method: 'POST',
      url: `/api/admin/orders/${order.id}/provision`,
      payload: { contaboInstanceId: 100003, confirmMismatch: true },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.order.status).toBe('completed');
    const entry = body.order.history.find(
      (h: { noteCode: string | null }) => h.noteCode === 'assigned_with_differences',
    );
    expect(entry).toMatchObject({
      actorType: 'admin',
      noteParams: {
        instanceId: 100003,
        orderedPlan: 'VPS 10 NVMe',
        deliveredPlan: 'VPS 20 NVMe',
        orderedRegion: 'EU',
        deliveredRegion: 'US-east',
      },
    });
    // The customer sees the same entry on their order.
    const mine = (await api(t.app, c.accessToken)({ method: 'GET', url: `/api/orders/${order.id}` })).json();
    expect(mine.history.map((h: { noteCode: string | null }) => h.noteCode)).toContain(
      'assigned_with_differences',
    );

    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'order.provision.assign'), eq(auditLog.entityId, order.id)));
    expect(audit!.metadata).toMatchObject({
      contaboInstanceId: 100003,
      differences: [{ field: 'product' }, { field: 'region' }],
    });

    const mail = (await emailsTo(t, c.email)).find((m) => m.template === 'order-delivered-differently');
    expect(mail?.subject).toContain(order.orderNumber);
    expect(mail?.text).toContain('Plan: pediste VPS 10 NVMe, recibes VPS 20 NVMe.');
    expect(mail?.text).toContain('Región: pediste Unión Europea');
    expect(mail?.text).toContain('recibes EE. UU. (este)');

    // Billing follows the delivered server: the VPS records the delivered plan, and the renewal is priced at it.
    const [vps] = await t.database.db.select().from(vpsInstances).where(eq(vpsInstances.orderId, order.id));
    const [v94] = await t.database.db.select().from(products).where(eq(products.contaboProductId, 'V94'));
    expect(vps!.productId).toBe(v94!.id);
    expect(vps!.region).toBe('US-east');
    const [surcharge] = await t.database.db
      .select()
      .from(productRegions)
      .where(and(eq(productRegions.productId, v94!.id), eq(productRegions.regionCode, 'US-east')));
    t.clock.set(new Date(vps!.expiresAt!.getTime() - 2 * 86_400_000));
    await t.container.billingLifecycle.run();
    const [renewal] = await t.database.db.select().from(invoices).where(eq(invoices.vpsInstanceId, vps!.id));
    const [line] = await t.database.db
      .select()
      .from(invoiceItems)
      .where(eq(invoiceItems.invoiceId, renewal!.id));
    expect(line!.unitPriceMinor).toBe(v94!.sellingPriceMinor + surcharge!.surchargeMinor);
    expect(line!.unitPriceMinor).not.toBe(order.subtotalMinor + order.regionSurchargeMinor);
    expect(line!.description).toContain('VPS 20 NVMe');
  });
});
