import type { Instance } from '@cloud-vertice/contabo';
import { AppError, notFound } from '../../lib/errors.ts';
import { contaboFailure } from '../vps/vps.errors.ts';
import { presentVps } from '../vps/vps.presenter.ts';
import type { Admin, AdminAudit, FulfilmentDeps } from './fulfilment.deps.ts';
import type { InstanceAttachment } from './fulfilment.instances.ts';
import type { TAdminVps, TAdminVpsQuery, TAdminVpsUpdate, TInventoryItem } from './fulfilment.schemas.ts';

/**
 * The operator's view of every server: the Contabo inventory (with assignments and orphans), the all-VPS list, an
 * edit (service status, expiry, owner, VNC, rename at Contabo) and assigning an instance without an order.
 */
export function createAdminVps(
  deps: FulfilmentDeps,
  parts: { audit: AdminAudit; instances: InstanceAttachment },
) {
  const { repo, vpsRepo, clock, cipher } = deps;
  const { audit, instances: attachment } = parts;

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

  return {
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

    async listVps(q: TAdminVpsQuery): Promise<{ items: TAdminVps[]; total: number }> {
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
      await vpsRepo.transaction(async (tx) => {
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
      const instance = await attachment.fetchInstance(input.contaboInstanceId);
      await attachment.assertAssignable(instance);
      const product = instance.productId
        ? await deps.catalog.findProductByContaboId(instance.productId)
        : undefined;
      const vps = await attachment.attach(
        null,
        instance,
        { ...input, productId: product?.id ?? null },
        (tx, row) =>
          audit(
            admin,
            'vps.assign',
            'vps',
            row.id,
            { contaboInstanceId: instance.instanceId, userId: input.userId },
            tx,
          ),
      );
      await attachment.notifyReady(vps, null);
      const owner = await repo.customerOf(input.userId);
      return adminVps(vps.id, owner!.email);
    },
  };
}
