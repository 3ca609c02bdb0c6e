import type { Instance } from '@cloud-vertice/contabo';
import type { UnitOfWork } from '../../db/client.ts';
import type { MailService } from '../notifications/mail.service.ts';
import type { OrderRow, OrdersRepo } from '../orders/orders.repo.ts';
import type { OrderStatus } from '../orders/orders.state.ts';

/** What an assigned instance delivers differently from what the customer ordered. */
export interface AssignmentDifference {
  field: 'product' | 'region';
  ordered: string;
  delivered: string;
}

/** Plan (Contabo product id) and region of the instance against the order's; empty when they match. */
export function assignmentDifferences(
  ordered: { contaboProductId: string | null; region: string },
  instance: Pick<Instance, 'productId' | 'region'>,
): AssignmentDifference[] {
  const differences: AssignmentDifference[] = [];
  if (ordered.contaboProductId && instance.productId !== ordered.contaboProductId) {
    differences.push({ field: 'product', ordered: ordered.contaboProductId, delivered: instance.productId });
  }
  if (instance.region !== ordered.region) {
    differences.push({ field: 'region', ordered: ordered.region, delivered: instance.region });
  }
  return differences;
}

export const describeDifferences = (differences: AssignmentDifference[]): string =>
  differences.map((d) => `${d.field} ${d.delivered} instead of ${d.ordered}`).join(', ');

/**
 * A confirmed mismatch: an order-history entry the customer sees (code + parameters, rendered in their language) and
 * an e-mail that says what was ordered and what is delivered.
 */
export async function recordMismatch(
  deps: { ordersRepo: OrdersRepo; transaction: UnitOfWork; mail: MailService; appUrl: string },
  input: {
    adminId: string | null;
    order: OrderRow;
    instanceId: number;
    differences: AssignmentDifference[];
    plans: { ordered: string; delivered: string };
    regionName: (code: string, language: string) => string;
    customer: { id: string; email: string; name: string; firstName: string; language: string };
  },
): Promise<void> {
  const { order, differences, customer } = input;
  const region = differences.find((d) => d.field === 'region');
  const current = (await deps.ordersRepo.findById(order.id))!;
  await deps.transaction((tx) =>
    deps.ordersRepo.recordTransition(tx, {
      orderId: order.id,
      fromStatus: current.status as OrderStatus,
      toStatus: current.status as OrderStatus,
      actorType: 'admin',
      actorId: input.adminId,
      noteCode: 'assigned_with_differences',
      noteParams: {
        instanceId: input.instanceId,
        orderedPlan: input.plans.ordered,
        deliveredPlan: input.plans.delivered,
        orderedRegion: region?.ordered ?? order.region,
        deliveredRegion: region?.delivered ?? order.region,
      },
    }),
  );
  const language = customer.language === 'en' ? 'en' : 'es';
  await deps.mail.queue({
    to: customer.email,
    userId: customer.id,
    language,
    template: 'order-delivered-differently',
    data: {
      name: customer.firstName || customer.name,
      orderNumber: order.orderNumber,
      orderedPlan: input.plans.ordered,
      deliveredPlan: input.plans.delivered,
      orderedRegion: input.regionName(region?.ordered ?? order.region, language),
      deliveredRegion: input.regionName(region?.delivered ?? order.region, language),
      link: `${deps.appUrl}/panel/orders/${order.id}`,
    },
  });
}
