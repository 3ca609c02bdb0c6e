import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog, provisioningAttempts, vpsInstances } from '../../src/db/schema/index.ts';
import { customer } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';
import { paidSandboxOrder } from '../order-helpers.ts';
import { asAdmin, expectRefused, refuseAuditOf, t, useAuditRefusalApp } from '../refuse-audit.ts';

/**
 * #15-7, fulfilment: assigning an instance to an order, assigning one to a customer, and buying one through the API.
 * Each one's audit row is refused by the database, so the action must not happen and no success may be answered.
 */
const REFUSED = ['order.provision.assign', 'vps.assign', 'order.provision.api.requested'];

useAuditRefusalApp();
beforeEach(async () => {
  await refuseAuditOf(t, null);
});

const paidOrder = () => paidSandboxOrder(t);

/** An unassigned running instance of the simulator (of the order's plan and region when `matching`). */
async function freeInstance(matching: boolean): Promise<number> {
  const items = (await asAdmin({ method: 'GET', url: '/api/admin/contabo/instances?assigned=false' })).json()
    .items as Array<{ instanceId: number; status: string; productId: string; region: string }>;
  const found = items.find(
    (i) => i.status === 'running' && (!matching || (i.productId === 'V91' && i.region === 'EU')),
  );
  expect(found, 'the simulator seeds a free instance').toBeDefined();
  return found!.instanceId;
}

const vpsOf = async (contaboInstanceId: number) =>
  t.database.db.select().from(vpsInstances).where(eq(vpsInstances.contaboInstanceId, contaboInstanceId));
const auditActions = async (entityId: string) =>
  (await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, entityId))).map((r) => r.action);

describe(`fulfilment audit rows commit with the action (${TEST_ENGINE})`, () => {
  it('an order is not assigned an instance when the assignment cannot be audited', async () => {
    const { order } = await paidOrder();
    const instanceId = await freeInstance(true);
    await refuseAuditOf(t, REFUSED);
    const assign = () =>
      asAdmin({
        method: 'POST',
        url: `/api/admin/orders/${order.id}/provision`,
        payload: { contaboInstanceId: instanceId },
      });
    expectRefused(await assign());
    expect(await vpsOf(instanceId)).toHaveLength(0);
    const detail = (await asAdmin({ method: 'GET', url: `/api/admin/orders/${order.id}` })).json();
    expect(detail.status).toBe('paid');
    expect(detail.vps).toBeNull();

    await refuseAuditOf(t, null);
    const done = await assign();
    expect(done.statusCode, done.body).toBe(200);
    expect(await vpsOf(instanceId)).toHaveLength(1);
    expect(await auditActions(order.id)).toContain('order.provision.assign');
  });

  it('an instance is not assigned to a customer when the assignment cannot be audited', async () => {
    const c = await customer(t);
    const instanceId = await freeInstance(false);
    await refuseAuditOf(t, REFUSED);
    const assign = () =>
      asAdmin({
        method: 'POST',
        url: '/api/admin/vps/assign',
        payload: { contaboInstanceId: instanceId, userId: c.userId },
      });
    expectRefused(await assign());
    expect(await vpsOf(instanceId)).toHaveLength(0);

    await refuseAuditOf(t, null);
    const done = await assign();
    expect(done.statusCode, done.body).toBe(201);
    expect(await auditActions(done.json().id)).toContain('vps.assign');
  });

  it('nothing is bought at Contabo when the request to buy cannot be audited', async () => {
    const { order } = await paidOrder();
    const sim = t.container.contabo.simulator!.control;
    const creates = () =>
      sim.requests().filter((r) => r.method === 'POST' && r.path.endsWith('/compute/instances')).length;
    const before = creates();
    await refuseAuditOf(t, REFUSED);
    const provision = () =>
      asAdmin({ method: 'POST', url: `/api/admin/orders/${order.id}/provision`, payload: { mode: 'api' } });
    expectRefused(await provision());
    expect(creates()).toBe(before);
    expect(
      await t.database.db
        .select()
        .from(provisioningAttempts)
        .where(eq(provisioningAttempts.orderId, order.id)),
    ).toHaveLength(0);

    await refuseAuditOf(t, null);
    const done = await provision();
    expect(done.statusCode, done.body).toBe(200);
    expect(creates()).toBe(before + 1);
    expect(await auditActions(order.id)).toEqual(
      expect.arrayContaining(['order.provision.api.requested', 'order.provision.api']),
    );
  });
});
