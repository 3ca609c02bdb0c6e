import type { CatalogService } from '../modules/catalog/catalog.service.ts';
import { createContaboSettingsService } from '../modules/settings/contabo-settings.service.ts';
import type { Platform } from './platform.ts';

/**
 * Ajustes → Contabo: the saved connection applies at start and whenever any instance broadcasts a change; a catalog
 * change announced by another instance drops this one's cached catalog. Returns the service and the listener's stop.
 */
export function wireContaboSettings(
  { settings, contabo, events, config, logger }: Platform,
  catalog: Pick<CatalogService, 'invalidate'>,
) {
  const contaboSettings = createContaboSettingsService({
    settings,
    contabo,
    events,
    defaultRateLimit: config.CONTABO_RATE_LIMIT_PER_SECOND,
    logger,
  });
  const applyContabo = () =>
    contaboSettings
      .applySaved()
      .catch((error: unknown) => logger.error({ err: error }, 'could not apply the Contabo settings'));
  void applyContabo();
  const stopSettingsListener = events.subscribeSystem((event) => {
    if (event.type === 'settings.changed' && event.keys.includes('contabo')) void applyContabo();
    if (event.type === 'catalog.changed') catalog.invalidate();
  });
  return { contaboSettings, stopSettingsListener };
}
