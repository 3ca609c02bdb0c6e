import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SettingsService } from '../../settings/settings.service.ts';

/** Where a site-relative logo (e.g. `/logo.png`) is found: the built web app, then its sources. */
const WEB_ROOTS = [
  fileURLToPath(new URL('../../../../web/dist/', import.meta.url)),
  fileURLToPath(new URL('../../../../web/public/', import.meta.url)),
];

/**
 * The company's logo for invoices, from the `company.logoUrl` setting when it names a PNG or JPEG served by the web
 * app; anything else (an SVG, a remote URL) gives `null` and the PDF draws the built-in mark. Cached per URL.
 */
export function createLogoLoader(settings: Pick<SettingsService, 'get'>) {
  const cache = new Map<string, Buffer | null>();
  return async (): Promise<Buffer | null> => {
    const url = await settings.get('company.logoUrl');
    const cached = cache.get(url);
    if (cached !== undefined) return cached;
    let logo: Buffer | null = null;
    if (/^\/[\w/-]+\.(png|jpe?g)$/i.test(url)) {
      for (const root of WEB_ROOTS) {
        logo = await readFile(join(root, url)).catch(() => null);
        if (logo) break;
      }
    }
    cache.set(url, logo);
    return logo;
  };
}
