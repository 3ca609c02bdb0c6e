import { randomUUID } from 'node:crypto';
import type { DbOrTx } from '../../db/client.ts';
import { formatNumber, nextSequenceValue } from '../../db/sequences.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { assertCanUseOrder } from './orders.policy.ts';
import type { CatalogRepo } from '../catalog/catalog.repo.ts';
import { licenseFeeForPeriod, priceForPeriod } from '../catalog/pricing.ts';
import type { NewOrderRow, OrderRow, OrdersRepo, OrderWithRefs } from './orders.repo.ts';
import type { TCartItem, TCreateOrders, TOrder, TOrderDetail, TOrderQuery } from './orders.schemas.ts';
import type { OrderNote } from './orders.notes.ts';
import { assertTransition, type ActorType, type OrderStatus } from './orders.state.ts';

// Orders have their own series (P-2026-000001), distinct from the gap-free invoice numbers (CV-2026-000001), so a
// customer or the staff can never mistake one for the other (e.g. as a bank-transfer reference).
export const ORDER_NUMBER_PREFIX = 'P';

export interface ParsedSshKey {
  type: string;
  fingerprint: string;
  normalized: string;
}

export interface OrdersServiceDeps {
  repo: OrdersRepo;
  catalog: CatalogRepo;
  clock: Clock;
  /** OpenSSH public key parser (accounts module); throws with a readable message on a malformed key. */
  parseSshKey: (publicKey: string) => ParsedSshKey;
  /** Refuses a checkout without the current terms and refund policy; returns the versions accepted. */
  acceptLegal: (accepted: Record<string, number> | undefined) => Promise<Record<string, number>>;
  /** The store currency, in which image licence fees are set (a plan sold in another one cannot take them). */
  storeCurrency?: () => Promise<string>;
}

export interface Actor {
  type: ActorType;
  id: string | null;
}

type FieldError = { field: string; message: string };

/** Moves an order along the state machine and records who did it; throws 409 when the move is not allowed. */
export async function transitionOrder(
  repo: OrdersRepo,
  tx: DbOrTx,
  order: OrderRow,
  to: OrderStatus,
  actor: Actor,
  options: { note?: string; patch?: Partial<NewOrderRow> } & Partial<OrderNote> = {},
): Promise<OrderRow> {
  const from = order.status as OrderStatus;
  assertTransition(from, to, actor.type);
  const updated = await repo.updateStatus(tx, order.id, from, { ...options.patch, status: to });
  if (!updated) throw new AppError('conflict', 'The order changed meanwhile; reload and try again');
  await repo.recordTransition(tx, {
    orderId: order.id,
    fromStatus: from,
    toStatus: to,
    actorType: actor.type,
    actorId: actor.id,
    note: options.note ?? null,
    noteCode: options.noteCode ?? null,
    noteParams: options.noteParams ?? null,
  });
  return updated;
}

export function createOrdersService(deps: OrdersServiceDeps) {
  const { repo, catalog, clock } = deps;

  async function priceItem(userId: string, item: TCartItem, index: number, errors: FieldError[]) {
    const at = (field: string) => `body.items.${index}.${field}`;
    const product = await catalog.findProduct(item.productId);
    if (!product || !product.isActive) {
      errors.push({ field: at('productId'), message: 'This plan is not available' });
      return undefined;
    }
    const [rules, regionRows, image, savedKeys] = await Promise.all([
      catalog.priceRulesFor([product.id]),
      catalog.regionsFor([product.id]),
      catalog.findImage(item.imageId),
      repo.sshKeysOfUser(userId, item.sshKeyIds),
    ]);
    const rule = rules.find((r) => r.periodMonths === item.periodMonths);
    if (!rule)
      errors.push({
        field: at('periodMonths'),
        message: `The ${item.periodMonths}-month period is not offered for this plan`,
      });
    const region = regionRows.find((r) => r.code === item.region);
    if (!region)
      errors.push({ field: at('region'), message: `Region ${item.region} is not offered for this plan` });
    if (!image || !image.isActive)
      errors.push({ field: at('imageId'), message: 'This operating system image is not available' });
    const keys: Array<Record<string, string>> = [];
    for (const id of item.sshKeyIds) {
      const saved = savedKeys.find((k) => k.id === id);
      if (!saved)
        errors.push({ field: at('sshKeyIds'), message: `SSH key ${id} is not one of your saved keys` });
      else
        keys.push({
          name: saved.name,
          publicKey: saved.publicKey,
          fingerprint: saved.fingerprint,
          sshKeyId: saved.id,
        });
    }
    item.sshPublicKeys.forEach((key, j) => {
      try {
        const parsed = deps.parseSshKey(key.publicKey);
        keys.push({ name: key.name, publicKey: parsed.normalized, fingerprint: parsed.fingerprint });
      } catch (error) {
        errors.push({ field: at(`sshPublicKeys.${j}.publicKey`), message: (error as Error).message });
      }
    });
    if (image?.osType === 'Windows' && keys.length) {
      errors.push({ field: at('sshKeyIds'), message: 'SSH keys are not supported on Windows images' });
    }
    if (image && image.licenseFeeMinor > 0 && deps.storeCurrency) {
      const storeCurrency = await deps.storeCurrency();
      if (storeCurrency !== product.currency)
        errors.push({
          field: at('imageId'),
          message: `This image's licence is priced in ${storeCurrency} and this plan is sold in ${product.currency}`,
        });
    }
    if (!rule || !region || !image) return undefined;
    const price = priceForPeriod(product.sellingPriceMinor, rule);
    const regionSurchargeMinor = region.surchargeMinor * item.periodMonths;
    const licenseFeeMinor = licenseFeeForPeriod(image.licenseFeeMinor, item.periodMonths);
    const row: Omit<NewOrderRow, 'orderNumber' | 'userId' | 'checkoutId'> = {
      productId: product.id,
      currency: product.currency,
      periodMonths: item.periodMonths,
      subtotalMinor: price.totalMinor,
      setupFeeMinor: price.setupFeeMinor,
      regionSurchargeMinor,
      licenseFeeMinor,
      totalMinor: price.totalMinor + price.setupFeeMinor + regionSurchargeMinor + licenseFeeMinor,
      costMinor: price.costMinor,
      region: region.code,
      imageId: image.id,
      sshKeys: keys,
      userData: item.userData ?? null,
      displayName: item.displayName ?? null,
    };
    return row;
  }

  async function present(refs: OrderWithRefs): Promise<TOrder> {
    const { order } = refs;
    return {
      id: order.id,
      orderNumber: order.orderNumber,
      checkoutId: order.checkoutId,
      status: order.status as OrderStatus,
      paymentStatus: order.paymentStatus,
      paymentMethod: order.paymentMethod,
      currency: order.currency,
      periodMonths: order.periodMonths,
      subtotalMinor: order.subtotalMinor,
      setupFeeMinor: order.setupFeeMinor,
      regionSurchargeMinor: order.regionSurchargeMinor,
      licenseFeeMinor: order.licenseFeeMinor,
      totalMinor: order.totalMinor,
      region: order.region,
      product: refs.product,
      image: refs.image,
      displayName: order.displayName,
      sshKeys: order.sshKeys.map((k) => ({ name: k.name ?? '', fingerprint: k.fingerprint ?? '' })),
      hasUserData: Boolean(order.userData),
      legalAccepted: order.legalAccepted ?? null,
      legalAcceptedAt: order.legalAcceptedAt ?? null,
      createdAt: order.createdAt,
      paidAt: order.paidAt,
      completedAt: order.completedAt,
      cancelledAt: order.cancelledAt,
    };
  }

  async function detail(id: string): Promise<TOrderDetail> {
    const refs = await repo.findWithRefs(id);
    if (!refs) throw notFound('Order');
    const history = await repo.history(id);
    return {
      ...(await present(refs)),
      history: history.map((h) => ({
        fromStatus: h.fromStatus,
        toStatus: h.toStatus,
        actorType: h.actorType,
        note: h.note,
        noteCode: h.noteCode ?? null,
        noteParams: h.noteParams ?? null,
        createdAt: h.createdAt,
      })),
    };
  }

  async function ownOrder(userId: string, id: string): Promise<OrderRow> {
    const order = await repo.findById(id);
    assertCanUseOrder(userId, order);
    return order;
  }

  return {
    async createOrders(
      userId: string,
      input: TCreateOrders,
    ): Promise<{ checkoutId: string; items: TOrder[] }> {
      const legalAccepted = await deps.acceptLegal(input.legalAccepted);
      const legalAcceptedAt = clock.now();
      const errors: FieldError[] = [];
      const priced: Array<Awaited<ReturnType<typeof priceItem>>> = [];
      for (const [index, item] of input.items.entries())
        priced.push(await priceItem(userId, item, index, errors));
      if (errors.length) {
        throw new AppError(
          'validation_error',
          `Invalid order: ${errors.map((e) => e.message).join('; ')}`,
          errors,
        );
      }
      const checkoutId = randomUUID();
      const year = clock.now().getUTCFullYear();
      const created = await repo.transaction(async (tx) => {
        const rows: NewOrderRow[] = [];
        for (const item of priced) {
          const number = await nextSequenceValue(tx, 'order', year);
          rows.push({
            ...item!,
            userId,
            checkoutId,
            orderNumber: formatNumber(ORDER_NUMBER_PREFIX, year, number),
            legalAccepted,
            legalAcceptedAt,
            createdAt: clock.now(),
          });
        }
        const inserted = await repo.insertOrders(tx, rows);
        for (const order of inserted) {
          await repo.recordTransition(tx, {
            orderId: order.id,
            fromStatus: null,
            toStatus: 'pending',
            actorType: 'customer',
            actorId: userId,
          });
        }
        return inserted;
      });
      const items = [];
      for (const order of created) items.push(await present((await repo.findWithRefs(order.id))!));
      return { checkoutId, items };
    },

    async listOrders(userId: string, query: TOrderQuery): Promise<{ items: TOrder[]; total: number }> {
      const { rows, total } = await repo.listForUser(userId, query);
      return { items: await Promise.all(rows.map(present)), total };
    },

    async getOrder(userId: string, id: string): Promise<TOrderDetail> {
      await ownOrder(userId, id);
      return detail(id);
    },

    async cancelOrder(userId: string, id: string): Promise<TOrderDetail> {
      const order = await ownOrder(userId, id);
      if (order.status !== 'pending') {
        throw new AppError(
          'invalid_transition',
          'Only unpaid orders can be cancelled; contact support for paid ones',
        );
      }
      await repo.transaction((tx) =>
        transitionOrder(
          repo,
          tx,
          order,
          'cancelled',
          { type: 'customer', id: userId },
          {
            patch: { cancelledAt: clock.now() },
          },
        ),
      );
      return detail(id);
    },

    detail,
    ownOrder,

    /** One order as a list item (no history), with its row: one query for the admin queue's rows. */
    async summary(id: string): Promise<{ item: TOrder; row: OrderRow }> {
      const refs = await repo.findWithRefs(id);
      if (!refs) throw notFound('Order');
      return { item: await present(refs), row: refs.order };
    },
  };
}

export type OrdersService = ReturnType<typeof createOrdersService>;
