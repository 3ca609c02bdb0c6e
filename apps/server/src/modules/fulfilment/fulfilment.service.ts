import { ContaboError, type ContaboClient, type Instance } from '@cloud-vertice/contabo';
import type { EventBus } from '../../events/bus.ts';
import { addMonths, type Clock } from '../../lib/clock.ts';
import { generatePassword, type Cipher } from '../../lib/crypto.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import type { AuditInput } from '../../audit/audit.service.ts';
import type { DbOrTx } from '../../db/client.ts';
import type { CatalogRepo } from '../catalog/catalog.repo.ts';
import { customerNotice } from '../notifications/in-app.ts';
import type { MailService } from '../notifications/mail.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { OrderRow, OrdersRepo } from '../orders/orders.repo.ts';
import { orderNote } from '../orders/orders.notes.ts';
import { transitionOrder, type OrdersService } from '../orders/orders.service.ts';
import type { OrderStatus } from '../orders/orders.state.ts';
import type { SettingsService } from '../../settings/settings.service.ts';
import { regionLabel } from '../billing/billing.i18n.ts';
import { contaboErrorDetails, contaboFailure } from '../vps/vps.errors.ts';
import { presentVps } from '../vps/vps.presenter.ts';
import type { NewVpsRow, VpsRepo, VpsRow } from '../vps/vps.repo.ts';
import type { FulfilmentRepo } from './fulfilment.repo.ts';
import { instanceUserData } from './fulfilment.cloud-init.ts';
import { assignmentDifferences, describeDifferences, recordMismatch } from './fulfilment.mismatch.ts';
import type {
  TAdminOrder,
  TAdminOrderDetail,
  TAdminVps,
  TAdminVpsUpdate,
  TInventoryItem,
} from './fulfilment.schemas.ts';

export interface Admin {
  /** null: the platform itself (the retry of a create Contabo refused with 429). */
  id: string | null;
  role: string;
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
}

/** The platform acting on its own (audit rows with no actor). */
const SYSTEM: Admin = { id: null, role: 'system' };

/** A create refused with 429 is sent again at most this many times, after 30 s, 1, 2, 4 … up to 30 minutes. */
const CREATE_RETRY_LIMIT = 8;
const createRetryDelayMs = (retries: number) => Math.min(30 * 60_000, 30_000 * 2 ** (retries - 1));

export interface FulfilmentDeps {
  repo: FulfilmentRepo;
  orders: OrdersService;
  ordersRepo: OrdersRepo;
  vpsRepo: VpsRepo;
  catalog: CatalogRepo;
  contabo: () => ContaboClient;
  settings: SettingsService;
  mail: MailService;
  /** The customer's bell ("your server is ready"). */
  notifications?: Pick<NotificationsService, 'send'>;
  cipher: Cipher;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  appUrl: string;
  /** With a transaction, the row is written in it and a failed write throws (the action rolls back, #15-7). */
  audit: (entry: AuditInput, tx?: DbOrTx) => Promise<void>;
}

const FULFILLABLE: OrderStatus[] = ['paid', 'processing', 'provisioning'];
/** A create left "in progress" longer than this (a crash mid-call) is reconciled before anything is retried. */
const STALE_CREATE_MS = 2 * 60_000;

/** Contabo instance → our VPS columns. */
export function instanceColumns(i: Instance): Partial<NewVpsRow> {
  return {
    name: i.name,
    displayName: i.displayName || null,
    status: i.status ?? 'unknown',
    contaboProductId: i.productId,
    region: i.region,
    contaboImageId: i.imageId,
    osType: i.osType,
    defaultUser: i.defaultUser,
    ipAddress: i.ipConfig.v4?.ip ?? null,
    gateway: i.ipConfig.v4?.gateway ?? null,
    netmaskCidr: i.ipConfig.v4?.netmaskCidr ?? null,
    ipV6Address: i.ipConfig.v6?.ip ?? null,
    gatewayV6: i.ipConfig.v6?.gateway ?? null,
    netmaskCidrV6: i.ipConfig.v6?.netmaskCidr ?? null,
    macAddress: i.macAddress,
    contaboCancelDate: i.cancelDate || null,
  };
}

/**
 * Fulfilment: the admin's queue of paid orders and the two ways to fulfil one — assign an instance that already
 * exists at Contabo, or create it through the API exactly once per order (intent row before the call, claimed
 * atomically, reconciled by display name after an unclear failure) — plus the inventory and all-VPS views.
 */
export function createFulfilmentService(deps: FulfilmentDeps) {
  const { repo, ordersRepo, vpsRepo, clock, cipher, logger } = deps;

  async function audit(
    admin: Admin,
    action: string,
    entityType: string,
    entityId: string,
    metadata: Record<string, unknown> = {},
    tx?: DbOrTx,
  ) {
    await deps.audit(
      {
        actorId: admin.id,
        actorRole: admin.role,
        action,
        entityType,
        entityId,
        ip: admin.ip ?? null,
        userAgent: admin.userAgent ?? null,
        requestId: admin.requestId ?? null,
        metadata,
      },
      tx,
    );
  }

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

  async function fetchInstance(contaboInstanceId: number): Promise<Instance> {
    try {
      return await deps
        .contabo()
        .instances.get(contaboInstanceId, { traceId: `assign:${contaboInstanceId}` });
    } catch (error) {
      if (error instanceof ContaboError && error.code === 'not_found') {
        throw new AppError('not_found', `Contabo has no instance ${contaboInstanceId} in this account`);
      }
      throw contaboFailure(error, 'instance lookup');
    }
  }

  async function assertAssignable(instance: Instance): Promise<void> {
    if (instance.cancelDate) {
      throw new AppError(
        'conflict',
        `Instance ${instance.instanceId} is cancelled at Contabo (cancel date ${instance.cancelDate})`,
      );
    }
    const existing = await vpsRepo.findByContaboId(instance.instanceId);
    if (existing) {
      throw new AppError('conflict', `Instance ${instance.instanceId} is already assigned to a customer`, {
        vpsId: existing.id,
      });
    }
  }

  async function notifyReady(vps: VpsRow, order: OrderRow | null): Promise<void> {
    const customer = await repo.customerOf(vps.userId);
    if (!customer) return;
    const serverName = vps.displayName ?? vps.name ?? String(vps.contaboInstanceId);
    await deps.notifications
      ?.send(
        customerNotice.serverReady(customer.id, customer.language, {
          serverName,
          vpsId: vps.id,
          ip: vps.ipAddress ?? '—',
        }),
      )
      .catch((error: unknown) =>
        deps.logger.warn({ err: error, vpsId: vps.id }, 'server-ready notification failed'),
      );
    await deps.mail.queue({
      to: customer.email,
      userId: customer.id,
      language: customer.language,
      template: 'vps-ready',
      data: {
        name: customer.firstName || customer.name,
        orderNumber: order?.orderNumber ?? null,
        serverName,
        ipv4: vps.ipAddress ?? '—',
        user: vps.defaultUser ?? 'root',
        link: `${deps.appUrl}/panel/servers/${vps.id}`,
      },
    });
  }

  /** Creates our VPS record for an instance and completes the order when the instance already runs. */
  async function attach(
    order: OrderRow | null,
    instance: Instance,
    input: {
      userId: string;
      periodMonths: number;
      rootPassword?: string | null;
      expiresAt?: Date;
      productId?: string | null;
      imageId?: string | null;
    },
  ): Promise<VpsRow> {
    const now = clock.now();
    const running = instance.status === 'running';
    return ordersRepo.db.transaction(async (tx) => {
      const vps = await vpsRepo.insert(
        {
          ...instanceColumns(instance),
          userId: input.userId,
          orderId: order?.id ?? null,
          contaboInstanceId: instance.instanceId,
          productId: input.productId ?? null,
          imageId: input.imageId ?? null,
          periodMonths: input.periodMonths,
          rootPasswordEncrypted: input.rootPassword ? cipher.encrypt(input.rootPassword) : null,
          sshKeyIds: [],
          assignedAt: running || !order ? now : null,
          expiresAt: input.expiresAt ?? (running || !order ? addMonths(now, input.periodMonths) : null),
          lastSyncedAt: now,
          statusChangedAt: now,
        },
        tx,
      );
      if (order && running) {
        await transitionOrder(
          ordersRepo,
          tx,
          order,
          'completed',
          { type: 'admin', id: null },
          {
            ...orderNote.assignedInstance(instance.instanceId),
            patch: { completedAt: now, contaboInstanceId: instance.instanceId },
          },
        );
      }
      return vps;
    });
  }

  /** Finishes an API-created order once Contabo reports the instance running. */
  async function complete(order: OrderRow, vps: VpsRow, instance: Instance): Promise<boolean> {
    if (instance.status !== 'running') return false;
    const now = clock.now();
    const done = await ordersRepo.db.transaction(async (tx) => {
      const current = await ordersRepo.findById(order.id, tx);
      if (!current || current.status !== 'provisioning') return false;
      await vpsRepo.update(
        vps.id,
        {
          ...instanceColumns(instance),
          assignedAt: now,
          expiresAt: addMonths(now, current.periodMonths),
          lastSyncedAt: now,
        },
        tx,
      );
      await transitionOrder(
        ordersRepo,
        tx,
        current,
        'completed',
        { type: 'system', id: null },
        {
          ...orderNote.instanceRunning(instance.instanceId),
          patch: { completedAt: now, contaboInstanceId: instance.instanceId },
        },
      );
      return true;
    });
    if (done) {
      const fresh = (await vpsRepo.findById(vps.id))!;
      await deps.events.publish({
        type: 'vps.status',
        vpsId: vps.id,
        userId: vps.userId,
        status: 'running',
        at: now.toISOString(),
      });
      await notifyReady(fresh, order);
    }
    return done;
  }

  async function moveToProvisioning(order: OrderRow, admin: Admin): Promise<OrderRow> {
    if (order.status === 'provisioning') return order;
    return ordersRepo.db.transaction((tx) =>
      transitionOrder(
        ordersRepo,
        tx,
        order,
        'provisioning',
        { type: 'admin', id: admin.id },
        orderNote.creatingInstance(),
      ),
    );
  }

  /** Adopts an instance found for this order at Contabo (after a retry, a double click or a crash). */
  async function adopt(order: OrderRow, instance: Instance): Promise<void> {
    await repo.updateAttempt(order.id, {
      status: 'created',
      contaboInstanceId: instance.instanceId,
      error: null,
    });
    if (await vpsRepo.findByContaboId(instance.instanceId)) return;
    const vps = await attach(order, instance, {
      userId: order.userId,
      periodMonths: order.periodMonths,
      productId: order.productId,
      imageId: order.imageId,
    });
    if (instance.status === 'running') await notifyReady(vps, order);
  }

  async function reconcile(order: OrderRow, displayName: string): Promise<Instance | null> {
    const found = await deps.contabo().instances.findByDisplayName(displayName, { traceId: order.id });
    return found[0] ?? null;
  }

  return {
    orderDetail,

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
      await ordersRepo.db.transaction(async (tx) => {
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

    async assign(
      admin: Admin,
      orderId: string,
      input: { contaboInstanceId: number; rootPassword?: string; confirmMismatch?: boolean },
    ) {
      const order = await fulfillableOrder(orderId);
      if (await repo.vpsOfOrder(orderId)) throw new AppError('conflict', 'This order already has a server');
      const instance = await fetchInstance(input.contaboInstanceId);
      await assertAssignable(instance);
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
      const vps = await attach(order, instance, {
        userId: order.userId,
        periodMonths: order.periodMonths,
        rootPassword: input.rootPassword,
        productId: delivered?.id ?? order.productId,
        imageId: order.imageId,
      });
      if (differences.length) {
        await recordMismatch(deps, {
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
        });
      }
      if (instance.status !== 'running') {
        await ordersRepo.db
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
        await notifyReady(vps, order);
      }
      await audit(admin, 'order.provision.assign', 'order', orderId, {
        contaboInstanceId: instance.instanceId,
        warnings,
        differences,
      });
      return {
        order: await orderDetail(orderId),
        warnings,
        state: instance.status === 'running' ? ('completed' as const) : ('provisioning' as const),
      };
    },

    /**
     * Buys the instance through Contabo's API, at most once per order whatever happens: the intent row is unique per
     * order, only one caller can claim it, and any unclear outcome is reconciled by the instance's display name (the
     * order number) before a create is ever sent again.
     */
    async provisionThroughApi(admin: Admin, orderId: string) {
      let order = await fulfillableOrder(orderId);
      const existingVps = await repo.vpsOfOrder(orderId);
      if (existingVps)
        return {
          order: await orderDetail(orderId),
          warnings: [],
          state: order.status === 'completed' ? ('completed' as const) : ('provisioning' as const),
        };
      const displayName = order.orderNumber;
      const { attempt } = await repo.recordIntent(orderId, displayName);
      if (attempt.status === 'created') {
        return { order: await orderDetail(orderId), warnings: [], state: 'provisioning' as const };
      }
      if (['ambiguous', 'creating'].includes(attempt.status)) {
        const found = await reconcile(order, displayName).catch(() => null);
        if (found) {
          await adopt(order, found);
          return {
            order: await orderDetail(orderId),
            warnings: ['An instance created earlier for this order was found and used'],
            state: 'provisioning' as const,
          };
        }
      }
      const claimed = await repo.claimCreate(
        orderId,
        ['intent', 'failed', 'ambiguous', 'rate_limited'],
        new Date(clock.now().getTime() - STALE_CREATE_MS),
      );
      if (!claimed) throw new AppError('conflict', 'Provisioning of this order is already in progress');
      order = await moveToProvisioning(order, admin);

      const [product, image, period] = await Promise.all([
        deps.catalog.findProduct(order.productId),
        order.imageId ? deps.catalog.findImage(order.imageId) : Promise.resolve(undefined),
        deps.settings.get('contabo.contractPeriod'),
      ]);
      const client = deps.contabo();
      const rootPassword = generatePassword();
      const secretIds: number[] = [];
      let createdId: number | null = null;
      try {
        const passwordSecret = await client.secrets.create(
          { name: `${displayName}-root`, type: 'password', value: rootPassword },
          { traceId: order.id },
        );
        secretIds.push(passwordSecret.secretId);
        const sshSecretIds: number[] = [];
        for (const [index, key] of order.sshKeys.entries()) {
          const secret = await client.secrets.create(
            { name: `${displayName}-ssh-${index + 1}`, type: 'ssh', value: key.publicKey! },
            { traceId: order.id },
          );
          sshSecretIds.push(secret.secretId);
          secretIds.push(secret.secretId);
        }
        const windows = image?.osType === 'Windows';
        const created = await client.instances.create(
          {
            productId: product!.contaboProductId,
            imageId: image?.contaboImageId,
            region: order.region as never,
            period,
            displayName,
            rootPassword: passwordSecret.secretId,
            sshKeys: windows ? undefined : sshSecretIds,
            userData: instanceUserData({ displayName: order.displayName, userData: order.userData, windows }),
            defaultUser: windows ? 'administrator' : 'root',
          },
          { traceId: order.id },
        );
        createdId = created.instanceId;
        await repo.updateAttempt(orderId, { status: 'created', contaboInstanceId: created.instanceId });
        const instance =
          (await client.instances.get(created.instanceId, { traceId: order.id }).catch(() => null)) ??
          ({ ...created, status: 'provisioning', ipConfig: { v4: null, v6: null } } as unknown as Instance);
        const vps = await attach(order, instance, {
          userId: order.userId,
          periodMonths: order.periodMonths,
          rootPassword,
          productId: order.productId,
          imageId: order.imageId,
        });
        if (instance.status === 'running') await notifyReady(vps, order);
        await audit(admin, 'order.provision.api', 'order', orderId, {
          contaboInstanceId: created.instanceId,
        });
        return { order: await orderDetail(orderId), warnings: [], state: 'provisioning' as const };
      } catch (error) {
        if (createdId !== null) {
          // The instance exists: never mark the attempt failed (a retry would buy a second server). It stays
          // `created`; the admin can attach it by hand from the Contabo inventory.
          logger.error(
            { err: error, orderId, contaboInstanceId: createdId },
            'a step after the create failed',
          );
          throw error;
        }
        const details = contaboErrorDetails(error);
        const unclear = error instanceof ContaboError && error.ambiguous;
        if (error instanceof ContaboError && error.code === 'rate_limited' && !unclear) {
          // A 429 proves Contabo created nothing: the retry job sends the create again, with backoff. Any other
          // failure (timeout, 5xx) is never retried blindly — it is reconciled by display name first.
          const retries = attempt.retryCount + 1;
          const giveUp = retries > CREATE_RETRY_LIMIT;
          await repo.updateAttempt(orderId, {
            status: giveUp ? 'failed' : 'rate_limited',
            error: details.message,
            retryCount: retries,
            retryAt: giveUp ? null : new Date(clock.now().getTime() + createRetryDelayMs(retries)),
          });
          await audit(admin, 'order.provision.api.rate_limited', 'order', orderId, { retries, giveUp });
          if (!giveUp) {
            return {
              order: await orderDetail(orderId),
              warnings: ['Contabo is busy (429) and created nothing; the creation is retried automatically'],
              state: 'provisioning' as const,
            };
          }
          throw contaboFailure(error, 'server creation');
        }
        await repo.updateAttempt(orderId, {
          status: unclear ? 'ambiguous' : 'failed',
          error: details.message,
        });
        await audit(admin, 'order.provision.api.failed', 'order', orderId, {
          error: details.code,
          ambiguous: unclear,
        });
        if (unclear) {
          const found = await reconcile(order, displayName).catch(() => null);
          if (found) {
            await adopt(order, found);
            return {
              order: await orderDetail(orderId),
              warnings: ['Contabo answered unclearly, but the instance exists and is used'],
              state: 'provisioning' as const,
            };
          }
          return {
            order: await orderDetail(orderId),
            warnings: ['Contabo did not confirm the creation; it will be checked again before any retry'],
            state: 'ambiguous' as const,
          };
        }
        throw contaboFailure(error, 'server creation');
      } finally {
        // The secrets were read by Contabo when the create was accepted; they are not kept in the account.
        for (const id of secretIds)
          await client.secrets
            .delete(id, { traceId: order.id })
            .catch((e: unknown) => logger.warn({ err: e, id }, 'could not delete a one-off Contabo secret'));
      }
    },

    /** Sends again the creates Contabo refused with 429 once their backoff is over (the worker's ticker). */
    async retryRateLimitedCreates(): Promise<{ retried: number }> {
      const due = await repo.dueRateLimitedCreates(clock.now());
      let retried = 0;
      for (const attempt of due) {
        try {
          await this.provisionThroughApi(SYSTEM, attempt.orderId);
          retried++;
        } catch (error) {
          logger.warn({ err: error, orderId: attempt.orderId }, 'retry of a rate-limited create failed');
        }
      }
      return { retried };
    },

    /** Completes API-provisioned orders whose instance now runs; reconciles unclear creates. One list call per cycle. */
    async trackProvisioning(): Promise<{ completed: number }> {
      const pending = await repo.provisioningOrders();
      if (!pending.length) return { completed: 0 };
      const ids = pending.map((p) => p.vps.contaboInstanceId);
      const page = await deps
        .contabo()
        .instances.list({ instanceIds: ids, size: 100 }, { traceId: 'provisioning' });
      let completed = 0;
      for (const { order, vps } of pending) {
        const instance = page.items.find((i) => i.instanceId === vps.contaboInstanceId);
        if (instance && (await complete(order, vps, instance))) completed++;
        else if (instance && instance.status !== vps.status)
          await vpsRepo.setStatus(vps, instance.status ?? 'unknown', clock.now());
      }
      return { completed };
    },

    async inventory(assigned?: boolean): Promise<{ items: TInventoryItem[]; total: number }> {
      let instances: Instance[];
      try {
        instances = await deps.contabo().instances.listAll({}, { traceId: 'inventory' });
      } catch (error) {
        throw contaboFailure(error, 'instance list');
      }
      const assignments = await repo.assignmentsByInstance(instances.map((i) => i.instanceId));
      const items = instances
        .map((i) => {
          const a = assignments.find((x) => x.contaboInstanceId === i.instanceId);
          return {
            instanceId: i.instanceId,
            name: i.name,
            displayName: i.displayName || null,
            status: i.status,
            productId: i.productId,
            productName: i.productName ?? null,
            region: i.region,
            ipv4: i.ipConfig.v4?.ip ?? null,
            createdDate: i.createdDate ?? null,
            cancelDate: i.cancelDate || null,
            assignment: a
              ? { vpsId: a.vpsId, userId: a.userId, email: a.email, serviceStatus: a.serviceStatus }
              : null,
            orphan: Boolean(a && ['terminated', 'cancelled'].includes(a.serviceStatus)),
          };
        })
        .filter((i) => assigned === undefined || Boolean(i.assignment) === assigned);
      return { items, total: items.length };
    },

    async listVps(q: {
      status?: string;
      serviceStatus?: string;
      search?: string;
      page: number;
      pageSize: number;
    }): Promise<{ items: TAdminVps[]; total: number }> {
      const { rows, total } = await repo.listVps(q);
      const items: TAdminVps[] = [];
      for (const row of rows) items.push(await adminVps(row.id, row.email));
      return { items, total };
    },

    async updateVps(admin: Admin, id: string, patch: TAdminVpsUpdate): Promise<TAdminVps> {
      const vps = await vpsRepo.findById(id);
      if (!vps) throw notFound('Server');
      if (patch.userId && !(await repo.userExists(patch.userId)))
        throw new AppError('validation_error', 'Unknown customer', [
          { field: 'body.userId', message: 'no such user' },
        ]);
      if (patch.displayName && patch.displayName !== vps.displayName) {
        try {
          await deps
            .contabo()
            .instances.rename(vps.contaboInstanceId, patch.displayName, { traceId: `admin:${admin.id}` });
        } catch (error) {
          throw contaboFailure(error, 'rename');
        }
      }
      const now = clock.now();
      const { vncPassword, ...rest } = patch;
      await vpsRepo.db.transaction(async (tx) => {
        await vpsRepo.update(
          id,
          {
            ...rest,
            ...(vncPassword !== undefined
              ? { vncPasswordEncrypted: vncPassword ? cipher.encrypt(vncPassword) : null }
              : {}),
            ...(patch.serviceStatus === 'suspended' && vps.serviceStatus !== 'suspended'
              ? { suspendedAt: now }
              : {}),
            ...(patch.serviceStatus === 'active' ? { suspendedAt: null } : {}),
          },
          tx,
        );
        const metadata = { ...rest, vncPassword: vncPassword === undefined ? undefined : '[changed]' };
        await audit(admin, 'vps.update', 'vps', id, metadata, tx);
      });
      const owner = await repo.customerOf((await vpsRepo.findById(id))!.userId);
      return adminVps(id, owner!.email);
    },

    async assignVps(
      admin: Admin,
      input: {
        contaboInstanceId: number;
        userId: string;
        periodMonths: number;
        rootPassword?: string;
        expiresAt?: Date;
      },
    ): Promise<TAdminVps> {
      if (!(await repo.userExists(input.userId)))
        throw new AppError('validation_error', 'Unknown customer', [
          { field: 'body.userId', message: 'no such user' },
        ]);
      const instance = await fetchInstance(input.contaboInstanceId);
      await assertAssignable(instance);
      const product = instance.productId
        ? await deps.catalog.findProductByContaboId(instance.productId)
        : undefined;
      const vps = await attach(null, instance, { ...input, productId: product?.id ?? null });
      await audit(admin, 'vps.assign', 'vps', vps.id, {
        contaboInstanceId: instance.instanceId,
        userId: input.userId,
      });
      await notifyReady(vps, null);
      const owner = await repo.customerOf(input.userId);
      return adminVps(vps.id, owner!.email);
    },
  };

  async function adminVps(id: string, email: string): Promise<TAdminVps> {
    const refs = (await vpsRepo.findWithRefs(id))!;
    return {
      ...presentVps(
        refs,
        await vpsRepo.actionInFlight(id),
        await deps.settings.get('billing.terminateAfterDays'),
      ),
      userId: refs.vps.userId,
      ownerEmail: email,
      contaboInstanceId: refs.vps.contaboInstanceId,
      orderId: refs.vps.orderId,
      suspendedAt: refs.vps.suspendedAt,
    };
  }
}

export type FulfilmentService = ReturnType<typeof createFulfilmentService>;
