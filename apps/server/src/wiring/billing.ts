import { createBillingAdmin } from '../modules/billing/billing.admin.ts';
import { createBillingLifecycle } from '../modules/billing/billing.lifecycle.ts';
import { createLogoLoader } from '../modules/billing/billing.logo.ts';
import { createBillingRepo } from '../modules/billing/billing.repo.ts';
import { createBillingService } from '../modules/billing/billing.service.ts';
import type { GatewayResolver } from '../modules/payments/gateways.ts';
import type { Platform } from './platform.ts';

/** Invoices (issued on payment), the renewal lifecycle and the admin's billing pages. */
export function wireBilling(
  { config, db, settings, clock, logger, mail, notifications, jobs, contabo }: Platform,
  { gateways }: { gateways: GatewayResolver },
) {
  const billingRepo = createBillingRepo(db);
  const billing = createBillingService({
    repo: billingRepo,
    settings,
    clock,
    logger,
    logo: createLogoLoader(settings),
    gateways: () => gateways.gateways(),
  });
  const billingLifecycle = createBillingLifecycle({
    repo: billingRepo,
    billing,
    settings,
    mail,
    notifications,
    jobs,
    appUrl: config.appUrl,
    clock,
    logger,
    contabo: () => contabo.client,
  });
  const billingAdmin = createBillingAdmin({ repo: billingRepo, billing, settings, clock });
  return { billingRepo, billing, billingLifecycle, billingAdmin };
}
