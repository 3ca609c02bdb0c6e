import { parseSshPublicKey } from '../modules/account/ssh-key-parser.ts';
import type { CatalogRepo } from '../modules/catalog/catalog.repo.ts';
import type { LegalService } from '../modules/legal/legal.service.ts';
import { createOrderEffects } from '../modules/orders/orders.effects.ts';
import { createOrdersRepo } from '../modules/orders/orders.repo.ts';
import { createOrdersService } from '../modules/orders/orders.service.ts';
import type { Platform } from './platform.ts';

/** Orders (checkout priced on the server, the state machine) and what happens when they are paid. */
export function wireOrders(
  { config, db, clock, mail, settings }: Platform,
  { catalogRepo, legal }: { catalogRepo: CatalogRepo; legal: LegalService },
) {
  const ordersRepo = createOrdersRepo(db);
  const orders = createOrdersService({
    repo: ordersRepo,
    catalog: catalogRepo,
    clock,
    parseSshKey: (key) => {
      const parsed = parseSshPublicKey(key);
      return { type: parsed.type, fingerprint: parsed.fingerprint, normalized: parsed.publicKey };
    },
    acceptLegal: (accepted) => legal.assertAccepted('checkout', accepted),
    storeCurrency: () => settings.get('store.currency'),
  });
  const effects = createOrderEffects({ repo: ordersRepo, mail, appUrl: config.appUrl });
  return { ordersRepo, orders, effects };
}
