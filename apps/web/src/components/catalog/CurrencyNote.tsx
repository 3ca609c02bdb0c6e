import { useTranslation } from 'react-i18next';
import { useSite } from '../../api/catalog.ts';

/** States the currency of every price. Tax wording ("IVA incluido") appears only once the API publishes it. */
export function CurrencyNote() {
  const { t } = useTranslation();
  const { data } = useSite();
  return (
    <p className="mt-4 min-h-5 text-sm text-muted-foreground">
      {data && t('price.currencyNote', { currency: data.currency })}
    </p>
  );
}
