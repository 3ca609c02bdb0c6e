import { createCatalogAdminRepo } from '../modules/catalog/catalog.admin.repo.ts';
import { createCatalogAdminService } from '../modules/catalog/catalog.admin.service.ts';
import { createCatalogRepo } from '../modules/catalog/catalog.repo.ts';
import { createCatalogService } from '../modules/catalog/catalog.service.ts';
import type { Platform } from './platform.ts';

/** The public catalog (cached per process) and the operator's side of it. */
export function wireCatalog({ config, db, clock, contabo, events, logger }: Platform) {
  const catalogRepo = createCatalogRepo(db);
  const catalog = createCatalogService(catalogRepo, { cacheMs: config.CATALOG_CACHE_SECONDS * 1000 });
  const catalogAdmin = createCatalogAdminService({
    repo: createCatalogAdminRepo(db),
    clock,
    contabo: () => contabo.client,
    // Every instance drops its cached catalog (the bus carries it across processes on PostgreSQL).
    onChange: () => {
      catalog.invalidate();
      void events
        .publishSystem({ type: 'catalog.changed' })
        .catch((error: unknown) => logger.warn({ err: error }, 'could not announce a catalog change'));
    },
  });
  return { catalogRepo, catalog, catalogAdmin };
}
