import { AppError, notFound } from '../../lib/errors.ts';
import type { OrderRow } from '../orders/orders.repo.ts';
import { transitionOrder } from '../orders/orders.service.ts';
import type { OrderStatus } from '../orders/orders.state.ts';
import { presentVps } from '../vps/vps.presenter.ts';
import { FULFILLABLE, type Admin, type AdminAudit, type FulfilmentDeps } from './fulfilment.deps.ts';
import type { TAdminOrder, TAdminOrderDetail } from './fulfilment.schemas.ts';

/** The admin's queue of orders: the list (waiting orders first), one order with its server and attempt, its status. */
export function createFulfilmentQueue(deps: FulfilmentDeps, audit: AdminAudit) {
  const { repo, ordersRepo, vpsRepo, clock } = deps;

  function waitingSeconds(order: OrderRow): number | null {
    if (!FULFILLABLE.includes(order.status as OrderStatus) || !order.paidAt) return null;
    return Math.max(0, Math.round((clock.now().getTime() - order.paidAt.getTime()) / 1000));
  }

  async function orderDetail(id: string): Promise<TAdminOrderDetail> {
    const detail = await deps.orders.detail(id);
    const order = (await ordersRepo.findById(id))!;
    const [customer, vps, attempt] = await Promise.all([
      repo.customerOf(order.userId),
      repo.vpsOfOrder(id),
      repo.attemptOf(id),
    ]);
    const vpsRefs = vps ? await vpsRepo.findWithRefs(vps.id) : undefined;
    return {
      ...detail,
      customer: { id: customer!.id, email: customer!.email, name: customer!.name },
      waitingSeconds: waitingSeconds(order),
      vps: vpsRefs
        ? presentVps(vpsRefs, undefined, await deps.settings.get('billing.terminateAfterDays'))
        : null,
      provisioning: attempt
        ? {
            status: attempt.status,
            displayName: attempt.displayName,
            contaboInstanceId: attempt.contaboInstanceId,
            error: attempt.error,
            createdAt: attempt.createdAt,
            updatedAt: attempt.updatedAt,
          }
        : null,
    };
  }

  /** The order, when it may be fulfilled now (paid and not yet completed). */
  async function fulfillableOrder(id: string): Promise<OrderRow> {
    const order = await ordersRepo.findById(id);
    if (!order) throw notFound('Order');
    if (!FULFILLABLE.includes(order.status as OrderStatus)) {
      throw new AppError(
        'invalid_transition',
        `Order ${order.orderNumber} is ${order.status}; only paid orders can be provisioned`,
      );
    }
    return order;
  }

  return {
    orderDetail,
    fulfillableOrder,

    async listOrders(q: {
      status?: OrderStatus;
      search?: string;
      page: number;
      pageSize: number;
    }): Promise<{ items: TAdminOrder[]; total: number }> {
      const { rows, total } = await repo.listOrders(q);
      const items: TAdminOrder[] = [];
      for (const row of rows) {
        // One query per row (the list itself already joined the customer); the history is not part of list items.
        const { item, row: order } = await deps.orders.summary(row.id);
        items.push({ ...item, customer: row.customer, waitingSeconds: waitingSeconds(order) });
      }
      return { items, total };
    },

    async setStatus(
      admin: Admin,
      id: string,
      status: OrderStatus,
      note?: string,
    ): Promise<TAdminOrderDetail> {
      const order = await ordersRepo.findById(id);
      if (!order) throw notFound('Order');
      if (status === 'paid') {
        // An order becomes paid only through the settlement (payment, transaction and invoice in one transaction).
        throw new AppError(
          'conflict',
          'An order becomes paid only by recording its payment: use POST /api/admin/orders/:id/payments.',
          { use: `POST /api/admin/orders/${id}/payments` },
        );
      }
      const now = clock.now();
      const patch =
        status === 'completed' ? { completedAt: now } : status === 'cancelled' ? { cancelledAt: now } : {};
      await repo.transaction(async (tx) => {
        await transitionOrder(
          ordersRepo,
          tx,
          order,
          status,
          { type: 'admin', id: admin.id },
          { note, patch },
        );
        await audit(admin, 'order.status', 'order', id, { from: order.status, to: status, note }, tx);
      });
      return orderDetail(id);
    },
  };
}

export type FulfilmentQueue = ReturnType<typeof createFulfilmentQueue>;
