import { useTranslation } from 'react-i18next';
import type { InvoiceParty as Party } from '../../../../api/models.ts';
import { cn } from '../../../../lib/cn.ts';
import { countryName } from '../../../../lib/countries.ts';

/** The buyer or the seller as an address block; the first line present is in bold. */
export function InvoiceParty({ party, testId }: { party: Party; testId?: string }) {
  const { t, i18n } = useTranslation();
  const lines = [
    party.companyName,
    party.name,
    party.taxId ? t('invoices.detail.taxId', { id: party.taxId }) : null,
    party.address,
    party.country ? countryName(party.country, i18n.language) : null,
    party.email,
    party.phone,
  ].filter((line): line is string => Boolean(line && line.trim()));
  return (
    <address className="flex flex-col gap-0.5 text-sm not-italic" data-testid={testId}>
      {lines.map((line, i) => (
        <span key={i} className={cn('break-words', i === 0 && 'font-medium')}>
          {line}
        </span>
      ))}
    </address>
  );
}
