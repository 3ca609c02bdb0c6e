import { AppError } from '../../lib/errors.ts';

/**
 * The seed's order state machine: pending → paid → processing → provisioning → completed, and cancelled — from
 * pending by the customer or an admin, from any later state by an admin only.
 */
export const ORDER_STATUSES = [
  'pending',
  'paid',
  'processing',
  'provisioning',
  'completed',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export type ActorType = 'customer' | 'admin' | 'system';

const NEXT: Record<OrderStatus, OrderStatus[]> = {
  pending: ['paid', 'cancelled'],
  paid: ['processing', 'provisioning', 'completed', 'cancelled'],
  processing: ['provisioning', 'completed', 'cancelled'],
  provisioning: ['completed', 'cancelled'],
  completed: ['cancelled'],
  cancelled: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus, actor: ActorType): boolean {
  if (!NEXT[from].includes(to)) return false;
  if (to === 'cancelled' && from !== 'pending') return actor === 'admin';
  if (actor === 'customer') return to === 'cancelled';
  return true;
}

export function assertTransition(from: OrderStatus, to: OrderStatus, actor: ActorType): void {
  if (!canTransition(from, to, actor)) {
    throw new AppError('invalid_transition', `An order cannot go from ${from} to ${to}`, {
      from,
      to,
      allowed: NEXT[from].filter((s) => canTransition(from, s, actor)),
    });
  }
}
