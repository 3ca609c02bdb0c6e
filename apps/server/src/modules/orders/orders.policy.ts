import { notFound } from '../../lib/errors.ts';

/** Who may see or act on an order: its customer. Someone else's order is "not found", never "forbidden". */
export function canUseOrder(userId: string, order: { userId: string }): boolean {
  return order.userId === userId;
}

export function assertCanUseOrder<T extends { userId: string }>(
  userId: string,
  order: T | null | undefined,
): asserts order is T {
  if (!order || !canUseOrder(userId, order)) throw notFound('Order');
}
