import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import type { Clock } from './lib/clock.ts';
import { systemClock } from './lib/clock.ts';
import { createCipher, type Cipher } from './lib/crypto.ts';
import type { Logger } from './lib/logger.ts';
import { createCatalogRepo } from './modules/catalog/catalog.repo.ts';
import { createCatalogService, type CatalogService } from './modules/catalog/catalog.service.ts';
import { createSettingsService, type SettingsService } from './modules/settings/settings.service.ts';
import type { ResolvedSecrets } from './secrets.ts';

/**
 * Wires repositories and services once per process. Each service receives only what it needs; the container is not
 * passed around (no god object): routes get the one or two services they call.
 */
export interface Container {
  config: Config;
  database: Database;
  clock: Clock;
  logger: Logger;
  cipher: Cipher;
  secrets: ResolvedSecrets;
  demo: { contaboSimulated: boolean; sandboxPayments: boolean; emailOutbox: boolean };
  settings: SettingsService;
  catalog: CatalogService;
}

export interface ContainerInput {
  config: Config;
  database: Database;
  logger: Logger;
  secrets: ResolvedSecrets;
  clock?: Clock;
}

export function createContainer({
  config,
  database,
  logger,
  secrets,
  clock = systemClock,
}: ContainerInput): Container {
  const cipher = createCipher(secrets.encryptionKey);
  const db = database.db;
  return {
    config,
    database,
    clock,
    logger,
    cipher,
    secrets,
    demo: {
      contaboSimulated: config.contabo.mode === 'simulated',
      sandboxPayments: !(
        config.STRIPE_SECRET_KEY ||
        config.MERCADOPAGO_ACCESS_TOKEN ||
        config.PAYPAL_CLIENT_ID
      ),
      emailOutbox: !(config.SMTP_URL || config.SENDGRID_API_KEY),
    },
    settings: createSettingsService(db, cipher),
    catalog: createCatalogService(createCatalogRepo(db)),
  };
}
