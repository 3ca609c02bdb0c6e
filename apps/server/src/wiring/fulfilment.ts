import { createFulfilmentRepo } from '../modules/fulfilment/fulfilment.repo.ts';
import { createFulfilmentService } from '../modules/fulfilment/fulfilment.service.ts';
import type { wireCatalog } from './catalog.ts';
import type { wireOrders } from './orders.ts';
import type { Platform } from './platform.ts';
import { auditRecorder, type wireVps } from './vps.ts';

/** The admin queue, provisioning through Contabo, the Contabo inventory and the all-VPS admin. */
export function wireFulfilment(
  p: Platform,
  { catalogRepo }: ReturnType<typeof wireCatalog>,
  { orders, ordersRepo }: ReturnType<typeof wireOrders>,
  { vpsRepo }: ReturnType<typeof wireVps>,
) {
  const { config, db, contabo, settings, mail, notifications, cipher, clock, events, logger } = p;
  return createFulfilmentService({
    repo: createFulfilmentRepo(db),
    orders,
    ordersRepo,
    vpsRepo,
    catalog: catalogRepo,
    contabo: () => contabo.client,
    settings,
    mail,
    notifications,
    cipher,
    clock,
    events,
    logger,
    appUrl: config.appUrl,
    audit: auditRecorder(p.audit),
  });
}
