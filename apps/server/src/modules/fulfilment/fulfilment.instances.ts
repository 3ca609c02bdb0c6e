import { ContaboError, type Instance } from '@cloud-vertice/contabo';
import type { Tx } from '../../db/client.ts';
import { addMonths } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import { customerNotice } from '../notifications/in-app.ts';
import type { OrderRow } from '../orders/orders.repo.ts';
import { orderNote } from '../orders/orders.notes.ts';
import { transitionOrder } from '../orders/orders.service.ts';
import { contaboFailure } from '../vps/vps.errors.ts';
import type { NewVpsRow, VpsRow } from '../vps/vps.repo.ts';
import type { FulfilmentDeps } from './fulfilment.deps.ts';

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
 * How an instance at Contabo becomes a customer's server, whichever way it came (assigned by hand, created through
 * the API, adopted after an unclear create): looked up, checked free, recorded, and announced to the customer.
 */
export function createInstanceAttachment(deps: FulfilmentDeps) {
  const { repo, ordersRepo, vpsRepo, clock, cipher } = deps;

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
    /** Written in the same transaction as the VPS row (the admin's audit row): if it fails, nothing is attached. */
    record?: (tx: Tx, vps: VpsRow) => Promise<void>,
  ): Promise<VpsRow> {
    const now = clock.now();
    const running = instance.status === 'running';
    return repo.transaction(async (tx) => {
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
      await record?.(tx, vps);
      return vps;
    });
  }

  return { fetchInstance, assertAssignable, notifyReady, attach };
}

export type InstanceAttachment = ReturnType<typeof createInstanceAttachment>;
