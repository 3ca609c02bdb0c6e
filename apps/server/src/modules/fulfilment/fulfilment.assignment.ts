import { AppError } from '../../lib/errors.ts';
import { regionLabel } from '../billing/billing.i18n.ts';
import { orderNote } from '../orders/orders.notes.ts';
import { transitionOrder } from '../orders/orders.service.ts';
import type { Admin, AdminAudit, FulfilmentDeps } from './fulfilment.deps.ts';
import type { InstanceAttachment } from './fulfilment.instances.ts';
import { assignmentDifferences, describeDifferences, recordMismatch } from './fulfilment.mismatch.ts';
import type { FulfilmentQueue } from './fulfilment.queue.ts';

/**
 * Fulfils an order with an instance that already exists at Contabo: it must be free and not cancelled; one that
 * differs from the order (plan, region) is refused until the admin confirms, and the customer is then told what is
 * delivered instead.
 */
export function createAssignment(
  deps: FulfilmentDeps,
  parts: { audit: AdminAudit; queue: FulfilmentQueue; instances: InstanceAttachment },
) {
  const { repo, ordersRepo } = deps;
  const { audit, queue, instances } = parts;

  return {
    async assign(
      admin: Admin,
      orderId: string,
      input: { contaboInstanceId: number; rootPassword?: string; confirmMismatch?: boolean },
    ) {
      const order = await queue.fulfillableOrder(orderId);
      if (await repo.vpsOfOrder(orderId)) throw new AppError('conflict', 'This order already has a server');
      const instance = await instances.fetchInstance(input.contaboInstanceId);
      await instances.assertAssignable(instance);
      const product = await deps.catalog.findProduct(order.productId);
      const differences = assignmentDifferences(
        { contaboProductId: product?.contaboProductId ?? null, region: order.region },
        instance,
      );
      if (differences.length && !input.confirmMismatch) {
        throw new AppError(
          'assignment_mismatch',
          `Instance ${instance.instanceId} differs from the order (${describeDifferences(differences)}); ` +
            'send confirmMismatch: true to assign it anyway',
          { differences },
        );
      }
      const warnings: string[] = [];
      if (instance.status !== 'running')
        warnings.push(`The instance is ${instance.status}; the order completes when it runs`);
      // Renewals follow what was delivered: the instance's plan when the catalog sells it (its region comes from
      // the instance itself).
      const delivered = differences.some((d) => d.field === 'product')
        ? await deps.catalog.findProductByContaboId(instance.productId)
        : undefined;
      const vps = await instances.attach(
        order,
        instance,
        {
          userId: order.userId,
          periodMonths: order.periodMonths,
          rootPassword: input.rootPassword,
          productId: delivered?.id ?? order.productId,
          imageId: order.imageId,
        },
        (tx) =>
          audit(
            admin,
            'order.provision.assign',
            'order',
            orderId,
            { contaboInstanceId: instance.instanceId, warnings, differences },
            tx,
          ),
      );
      if (differences.length) {
        await recordMismatch(
          { ordersRepo, transaction: repo.transaction, mail: deps.mail, appUrl: deps.appUrl },
          {
            adminId: admin.id,
            order,
            instanceId: instance.instanceId,
            differences,
            plans: {
              ordered: product?.name ?? instance.productId,
              delivered: delivered?.name ?? product?.name ?? instance.productId,
            },
            regionName: (code, language) => regionLabel(language as 'es' | 'en', code, null) ?? code,
            customer: (await repo.customerOf(order.userId))!,
          },
        );
      }
      if (instance.status !== 'running') {
        await repo
          .transaction((tx) =>
            transitionOrder(
              ordersRepo,
              tx,
              order,
              'provisioning',
              { type: 'admin', id: admin.id },
              orderNote.assignedInstance(instance.instanceId),
            ),
          )
          .catch(() => undefined);
      } else {
        await instances.notifyReady(vps, order);
      }
      return {
        order: await queue.orderDetail(orderId),
        warnings,
        state: instance.status === 'running' ? ('completed' as const) : ('provisioning' as const),
      };
    },
  };
}
