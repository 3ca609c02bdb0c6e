import { Mail, MapPin, Phone } from 'lucide-react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSite } from '../../api/catalog.ts';
import { LEGAL_DOCUMENTS } from '../../api/legal.ts';
import { Skeleton } from '../ui/Skeleton.tsx';
import { LogoMark } from './Logo.tsx';
import { publicNav } from './navigation.ts';

export function Footer() {
  const { t } = useTranslation();
  const { data: site, isPending } = useSite();
  const year = new Date().getFullYear();

  return (
    <footer className="border-t border-border bg-card">
      <div className="mx-auto grid max-w-6xl gap-8 px-4 py-10 sm:px-6 md:grid-cols-[1.4fr_1fr_1fr]">
        <div className="flex flex-col gap-3">
          <div className="flex items-center gap-2 text-lg font-bold">
            <LogoMark className="size-7" />
            {t('brand.name')}
          </div>
          <p className="max-w-sm text-sm text-muted-foreground">{t('footer.tagline')}</p>
        </div>

        <nav aria-label={t('footer.navLabel')}>
          <h2 className="mb-2 text-sm font-semibold">{t('footer.explore')}</h2>
          <ul className="flex flex-col">
            {publicNav.map((item) => (
              <li key={item.to}>
                <Link
                  to={item.to}
                  className="inline-flex min-h-10 items-center rounded text-sm text-muted-foreground hover:text-foreground hover:underline"
                >
                  {t(item.labelKey)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>

        <div>
          <h2 className="mb-2 text-sm font-semibold">{t('footer.contact')}</h2>
          {isPending || !site ? (
            <div className="flex flex-col gap-2" aria-busy={isPending}>
              <Skeleton className="h-4 w-48" />
              <Skeleton className="h-4 w-40" />
              <Skeleton className="h-4 w-44" />
              <Skeleton className="h-4 w-36" />
            </div>
          ) : (
            <address className="flex flex-col gap-1.5 text-sm text-muted-foreground not-italic">
              <span className="font-medium text-foreground">{site.company.legalName}</span>
              <span>{t('footer.taxId', { taxId: site.company.taxId })}</span>
              <span className="flex items-start gap-2">
                <MapPin aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
                {site.company.address}
              </span>
              <a
                href={`mailto:${site.supportEmail}`}
                className="inline-flex min-h-10 items-center gap-2 break-all hover:text-foreground hover:underline"
              >
                <Mail aria-hidden="true" className="size-4 shrink-0" />
                {site.supportEmail}
              </a>
              <a
                href={`tel:${site.company.phone.replace(/[^+\d]/g, '')}`}
                className="inline-flex min-h-10 items-center gap-2 hover:text-foreground hover:underline"
              >
                <Phone aria-hidden="true" className="size-4 shrink-0" />
                {site.company.phone}
              </a>
            </address>
          )}
        </div>
      </div>
      <div className="border-t border-border">
        <div className="mx-auto flex max-w-6xl flex-col gap-2 px-4 py-4 text-xs text-muted-foreground sm:flex-row sm:items-center sm:justify-between sm:px-6">
          <p>{t('footer.copyright', { year, name: site?.company.legalName ?? t('brand.name') })}</p>
          <nav aria-label={t('footer.legalLabel')}>
            <ul className="flex flex-wrap gap-x-4">
              {LEGAL_DOCUMENTS.map((doc) => (
                <li key={doc}>
                  <Link
                    to={`/legal/${doc}`}
                    className="inline-flex min-h-10 items-center hover:text-foreground hover:underline"
                  >
                    {t(`footer.legal.${doc}`)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </div>
    </footer>
  );
}
