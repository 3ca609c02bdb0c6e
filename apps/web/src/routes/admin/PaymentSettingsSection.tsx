import { FlaskConical } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { usePaymentSettings } from '../../api/settings.ts';
import { ErrorState } from '../../components/ui/ErrorState.tsx';
import { Skeleton } from '../../components/ui/Skeleton.tsx';
import { BankTransferCard } from './payments/BankTransferCard.tsx';
import { GatewayCard } from './payments/GatewayCard.tsx';
import { GATEWAYS } from './payments/gateways.ts';

/**
 * Pasarelas de pago (payment-settings.routes.ts): where each gateway's keys come from, new keys (write-only: the API
 * never returns them, the page never shows them; keys set in the server's environment win and cannot be changed
 * here), MercadoPago's currency and exchange rate, and the bank transfer details customers see.
 */
export function PaymentSettingsSection() {
  const { t } = useTranslation();
  const settings = usePaymentSettings();
  const data = settings.data;
  return (
    <section aria-labelledby="payments-title" id="payments" className="flex scroll-mt-20 flex-col gap-4">
      <div className="flex flex-col gap-1">
        <h2 id="payments-title" className="text-xl font-semibold">
          {t('admin.settings.payments.title')}
        </h2>
        <p className="text-sm text-muted-foreground">{t('admin.settings.payments.subtitle')}</p>
      </div>
      {settings.isPending ? (
        <div aria-busy="true" className="grid gap-4 lg:grid-cols-2">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} className="h-72 w-full rounded-xl" />
          ))}
        </div>
      ) : settings.error && !data ? (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      ) : data ? (
        <>
          {data.sandbox && (
            <p
              data-testid="sandbox-note"
              className="flex items-start gap-2 rounded-lg border border-blue-300 bg-blue-50 p-3 text-sm text-blue-900 dark:border-blue-800 dark:bg-blue-950/60 dark:text-blue-100"
            >
              <FlaskConical aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
              {t('admin.settings.payments.sandbox')}
            </p>
          )}
          <div className="grid items-start gap-4 lg:grid-cols-2">
            {GATEWAYS.map((gateway) => (
              <GatewayCard key={gateway.id} gateway={gateway} state={data[gateway.id]} />
            ))}
            <BankTransferCard settings={data.bankTransfer} />
          </div>
        </>
      ) : null}
    </section>
  );
}
