import { createAdminVps } from './fulfilment.admin-vps.ts';
import { createAssignment } from './fulfilment.assignment.ts';
import { adminAudit, type FulfilmentDeps } from './fulfilment.deps.ts';
import { createInstanceAttachment } from './fulfilment.instances.ts';
import { createProvisioning } from './fulfilment.provisioning.ts';
import { createFulfilmentQueue } from './fulfilment.queue.ts';

export type { Admin, FulfilmentDeps } from './fulfilment.deps.ts';

/**
 * Fulfilment: the admin's queue of paid orders and the two ways to fulfil one — assign an instance that already
 * exists at Contabo (fulfilment.assignment.ts), or create it through the API exactly once per order
 * (fulfilment.provisioning.ts) — plus the inventory and all-VPS views (fulfilment.admin-vps.ts). One object over
 * those use cases for the routes and the worker.
 */
export function createFulfilmentService(deps: FulfilmentDeps) {
  const audit = adminAudit(deps);
  const queue = createFulfilmentQueue(deps, audit);
  const instances = createInstanceAttachment(deps);
  return {
    orderDetail: queue.orderDetail,
    listOrders: queue.listOrders,
    setStatus: queue.setStatus,
    ...createAssignment(deps, { audit, queue, instances }),
    ...createProvisioning(deps, { audit, queue, instances }),
    ...createAdminVps(deps, { audit, instances }),
  };
}

export type FulfilmentService = ReturnType<typeof createFulfilmentService>;
