import type { ContaboClient } from '@cloud-vertice/contabo';
import type { AuditInput } from '../../audit/audit.service.ts';
import type { DbOrTx } from '../../db/client.ts';
import type { EventBus } from '../../events/bus.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Cipher } from '../../lib/crypto.ts';
import type { Logger } from '../../lib/logger.ts';
import type { SettingsService } from '../../settings/settings.service.ts';
import type { CatalogRepo } from '../catalog/catalog.repo.ts';
import type { MailService } from '../notifications/mail.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { OrdersRepo } from '../orders/orders.repo.ts';
import type { OrdersService } from '../orders/orders.service.ts';
import type { OrderStatus } from '../orders/orders.state.ts';
import type { VpsRepo } from '../vps/vps.repo.ts';
import type { FulfilmentRepo } from './fulfilment.repo.ts';

export interface Admin {
  /** null: the platform itself (the retry of a create Contabo refused with 429). */
  id: string | null;
  role: string;
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
}

/** The platform acting on its own (audit rows with no actor). */
export const SYSTEM: Admin = { id: null, role: 'system' };

/** Order states in which an order waits to be fulfilled. */
export const FULFILLABLE: OrderStatus[] = ['paid', 'processing', 'provisioning'];

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

/** An admin audit row for one fulfilment step (in `tx` when given). */
export type AdminAudit = (
  admin: Admin,
  action: string,
  entityType: string,
  entityId: string,
  metadata?: Record<string, unknown>,
  tx?: DbOrTx,
) => Promise<void>;

export function adminAudit(deps: Pick<FulfilmentDeps, 'audit'>): AdminAudit {
  return async (admin, action, entityType, entityId, metadata = {}, tx) => {
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
  };
}
