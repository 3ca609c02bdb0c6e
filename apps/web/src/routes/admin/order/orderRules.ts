import {
  ORDER_STATUSES,
  type AdminOrderDetail,
  type ContaboInstance,
  type OrderStatus,
} from '../../../api/models.ts';

/** Order statuses in which staff prepare the server (assign one or buy one through the API). */
export const FULFILLABLE: OrderStatus[] = ['paid', 'processing'];

/** The assign and create cards show while the order is paid or processing and has no server yet. */
export function isFulfillable(order: Pick<AdminOrderDetail, 'status' | 'vps'>): boolean {
  return FULFILLABLE.includes(order.status) && !order.vps;
}

/** Whether the last provisioning request went through the API (`{ mode: 'api' }`) rather than an assignment. */
export function sentViaApi(variables: object | undefined): boolean {
  return Boolean(variables && 'mode' in variables);
}

type OrderTarget = Pick<AdminOrderDetail, 'region'> & {
  product: Pick<AdminOrderDetail['product'], 'contaboProductId'>;
};
type InstanceFacts = Pick<ContaboInstance, 'productId' | 'region' | 'status'>;

/** How far an instance is from what the order asks for: another plan weighs most, then another region, then not running. */
export function mismatchScore(item: InstanceFacts, order: OrderTarget): number {
  const product = item.productId && item.productId !== order.product.contaboProductId ? 2 : 0;
  const region = item.region && item.region !== order.region ? 1 : 0;
  return product + region + (item.status === 'running' ? 0 : 0.5);
}

/** Which of the order's facts an instance differs on (unknown facts never count as a difference). */
export function instanceMismatch(
  item: Pick<ContaboInstance, 'productId' | 'region'>,
  order: OrderTarget,
): 'both' | 'product' | 'region' | null {
  const region = Boolean(item.region && item.region !== order.region);
  const product = Boolean(item.productId && item.productId !== order.product.contaboProductId);
  if (product && region) return 'both';
  if (product) return 'product';
  if (region) return 'region';
  return null;
}

/** Free instances (no assignment, no cancellation), those closest to the order first, then by id. */
export function freeInstancesFor<
  T extends InstanceFacts & Pick<ContaboInstance, 'instanceId' | 'assignment' | 'cancelDate'>,
>(items: T[], order: OrderTarget): T[] {
  return items
    .filter((item) => !item.assignment && !item.cancelDate)
    .map((item) => ({ item, score: mismatchScore(item, order) }))
    .sort((a, b) => a.score - b.score || a.item.instanceId - b.item.instanceId)
    .map(({ item }) => item);
}

/** The statuses an `invalid_transition` refusal says are possible (its `details.allowed`), unknown ones dropped. */
export function allowedStatuses(details: unknown): OrderStatus[] {
  const allowed = (details as { allowed?: unknown } | null)?.allowed;
  if (!Array.isArray(allowed)) return [];
  return allowed.filter((s): s is OrderStatus => ORDER_STATUSES.includes(s as OrderStatus));
}
