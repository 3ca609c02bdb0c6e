import { ContaboError, type Instance } from '@cloud-vertice/contabo';
import { addMonths } from '../../lib/clock.ts';
import { generatePassword } from '../../lib/crypto.ts';
import { AppError } from '../../lib/errors.ts';
import type { OrderRow } from '../orders/orders.repo.ts';
import { orderNote } from '../orders/orders.notes.ts';
import { transitionOrder } from '../orders/orders.service.ts';
import { contaboErrorDetails, contaboFailure } from '../vps/vps.errors.ts';
import type { VpsRow } from '../vps/vps.repo.ts';
import { instanceUserData } from './fulfilment.cloud-init.ts';
import { SYSTEM, type Admin, type AdminAudit, type FulfilmentDeps } from './fulfilment.deps.ts';
import { instanceColumns, type InstanceAttachment } from './fulfilment.instances.ts';
import type { FulfilmentQueue } from './fulfilment.queue.ts';

/** A create refused with 429 is sent again at most this many times, after 30 s, 1, 2, 4 … up to 30 minutes. */
const CREATE_RETRY_LIMIT = 8;
const createRetryDelayMs = (retries: number) => Math.min(30 * 60_000, 30_000 * 2 ** (retries - 1));
/** A create left "in progress" longer than this (a crash mid-call) is reconciled before anything is retried. */
const STALE_CREATE_MS = 2 * 60_000;

/**
 * Creating the server through Contabo's API exactly once per order (intent row before the call, claimed atomically,
 * reconciled by display name after an unclear failure), retrying what Contabo refused with 429, and following the
 * new instance until it runs.
 */
export function createProvisioning(
  deps: FulfilmentDeps,
  parts: { audit: AdminAudit; queue: FulfilmentQueue; instances: InstanceAttachment },
) {
  const { repo, ordersRepo, vpsRepo, clock, logger } = deps;
  const { audit, queue, instances } = parts;

  /** Writes the status Contabo reports for a server being provisioned (history row, live event). */
  async function recordStatus(vps: VpsRow, instance: Instance): Promise<void> {
    const now = clock.now();
    const record = await vpsRepo.recordStatus(null, vps, instance.status ?? 'unknown', now);
    if (record.changed) await deps.events.publish(record.event);
  }

  /** Finishes an API-created order once Contabo reports the instance running. */
  async function complete(order: OrderRow, vps: VpsRow, instance: Instance): Promise<boolean> {
    if (instance.status !== 'running') return false;
    const now = clock.now();
    const record = await repo.transaction(async (tx) => {
      const current = await ordersRepo.findById(order.id, tx);
      if (!current || current.status !== 'provisioning') return null;
      const written = await vpsRepo.recordStatus(tx, vps, instance.status ?? 'unknown', now, {
        ...instanceColumns(instance),
        assignedAt: now,
        expiresAt: addMonths(now, current.periodMonths),
      });
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
      return written;
    });
    if (!record) return false;
    const fresh = (await vpsRepo.findById(vps.id))!;
    // Announced even when the sync wrote `running` first: the order completing moves the console's figures too.
    await deps.events.publish(record.event);
    await instances.notifyReady(fresh, order);
    return true;
  }

  async function moveToProvisioning(order: OrderRow, admin: Admin): Promise<OrderRow> {
    if (order.status === 'provisioning') return order;
    return repo.transaction((tx) =>
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
    const vps = await instances.attach(order, instance, {
      userId: order.userId,
      periodMonths: order.periodMonths,
      productId: order.productId,
      imageId: order.imageId,
    });
    if (instance.status === 'running') await instances.notifyReady(vps, order);
  }

  async function reconcile(order: OrderRow, displayName: string): Promise<Instance | null> {
    const found = await deps.contabo().instances.findByDisplayName(displayName, { traceId: order.id });
    return found[0] ?? null;
  }

  /**
   * Buys the instance through Contabo's API, at most once per order whatever happens: the intent row is unique per
   * order, only one caller can claim it, and any unclear outcome is reconciled by the instance's display name (the
   * order number) before a create is ever sent again.
   */
  async function provisionThroughApi(admin: Admin, orderId: string) {
    let order = await queue.fulfillableOrder(orderId);
    const existingVps = await repo.vpsOfOrder(orderId);
    if (existingVps)
      return {
        order: await queue.orderDetail(orderId),
        warnings: [],
        state: order.status === 'completed' ? ('completed' as const) : ('provisioning' as const),
      };
    const displayName = order.orderNumber;
    // The admin's intent is audited before anything is bought: if its row cannot be written, nothing happens (#15-7).
    await repo.transaction((tx) =>
      audit(admin, 'order.provision.api.requested', 'order', orderId, { displayName }, tx),
    );
    const { attempt } = await repo.recordIntent(orderId, displayName);
    if (attempt.status === 'created') {
      return { order: await queue.orderDetail(orderId), warnings: [], state: 'provisioning' as const };
    }
    if (['ambiguous', 'creating'].includes(attempt.status)) {
      const found = await reconcile(order, displayName).catch(() => null);
      if (found) {
        await adopt(order, found);
        return {
          order: await queue.orderDetail(orderId),
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
      const vps = await instances.attach(order, instance, {
        userId: order.userId,
        periodMonths: order.periodMonths,
        rootPassword,
        productId: order.productId,
        imageId: order.imageId,
      });
      if (instance.status === 'running') await instances.notifyReady(vps, order);
      await audit(admin, 'order.provision.api', 'order', orderId, {
        contaboInstanceId: created.instanceId,
      });
      return { order: await queue.orderDetail(orderId), warnings: [], state: 'provisioning' as const };
    } catch (error) {
      if (createdId !== null) {
        // The instance exists: never mark the attempt failed (a retry would buy a second server). It stays
        // `created`; the admin can attach it by hand from the Contabo inventory.
        logger.error({ err: error, orderId, contaboInstanceId: createdId }, 'a step after the create failed');
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
            order: await queue.orderDetail(orderId),
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
            order: await queue.orderDetail(orderId),
            warnings: ['Contabo answered unclearly, but the instance exists and is used'],
            state: 'provisioning' as const,
          };
        }
        return {
          order: await queue.orderDetail(orderId),
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
  }

  return {
    provisionThroughApi,

    /** Sends again the creates Contabo refused with 429 once their backoff is over (the worker's ticker). */
    async retryRateLimitedCreates(): Promise<{ retried: number }> {
      const due = await repo.dueRateLimitedCreates(clock.now());
      let retried = 0;
      for (const attempt of due) {
        try {
          await provisionThroughApi(SYSTEM, attempt.orderId);
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
        else if (instance && instance.status !== vps.status) await recordStatus(vps, instance);
      }
      return { completed };
    },
  };
}
