import { Building2, CreditCard, FlaskConical, Lock, Wallet, type LucideIcon } from 'lucide-react';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { usePayInvoice } from '../../api/billing.ts';
import { usePayOrder, useProviders } from '../../api/orders.ts';
import type { Payment, PaymentProviderId, PayScope } from '../../api/models.ts';
import { FormError, SubmitButton, submitHandler } from '../../components/form/FormBits.tsx';
import { ErrorState } from '../../components/ui/ErrorState.tsx';
import { Skeleton } from '../../components/ui/Skeleton.tsx';
import { cn } from '../../lib/cn.ts';
import { useFormat } from '../../lib/format.ts';

const ICONS: Record<PaymentProviderId, LucideIcon> = {
  stripe: CreditCard,
  mercadopago: Wallet,
  paypal: Wallet,
  bank_transfer: Building2,
  sandbox: FlaskConical,
};

/** Visible name of a payment method. */
export function useProviderName() {
  const { t } = useTranslation();
  return (id: string) => {
    switch (id) {
      case 'stripe':
      case 'mercadopago':
      case 'paypal':
      case 'bank_transfer':
      case 'sandbox':
        return t(`payment.providers.${id}.name`);
      default:
        return id;
    }
  };
}

/** What is paid: an order (with scope 'checkout' every unpaid order of its cart together) or an invoice. */
type PaymentTarget =
  | { orderId: string; scope: PayScope; invoiceId?: never }
  | { invoiceId: string; orderId?: never; scope?: never };

type PaymentFormProps = PaymentTarget & {
  amountMinor: number;
  currency: string;
  /** After a bank transfer was chosen (no redirect): where the instructions are shown. */
  onInstructions?: (paymentId: string) => void;
  /** The payment exists (before the browser leaves for the provider). */
  onStarted?: () => void;
};

/**
 * Payment method choice and the pay button. Hosted providers and the sandbox answer a redirect URL (the browser
 * leaves for it); a bank transfer answers instructions, shown on the payment page. Never sends twice.
 */
export function PaymentForm({
  orderId,
  scope,
  invoiceId,
  amountMinor,
  currency,
  onInstructions,
  onStarted,
}: PaymentFormProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const providerName = useProviderName();
  const navigate = useNavigate();
  const providers = useProviders();
  const payOrder = usePayOrder();
  const payInvoice = usePayInvoice();
  const pay = invoiceId ? payInvoice : payOrder;
  const [chosen, setChosen] = useState<PaymentProviderId | null>(null);
  const [leaving, setLeaving] = useState(false);
  const sent = useRef(false);
  const items = providers.data?.items ?? [];
  const selected = items.find((p) => p.id === chosen) ?? items[0];
  const busy = pay.isPending || leaving;

  if (providers.isPending) {
    return (
      <div aria-busy="true" className="flex flex-col gap-2">
        <Skeleton className="h-16 w-full" />
        <Skeleton className="h-16 w-full" />
        <Skeleton className="h-12 w-48" />
      </div>
    );
  }
  if (providers.error) return <ErrorState error={providers.error} onRetry={() => void providers.refetch()} />;
  if (items.length === 0) return <p className="text-sm text-muted-foreground">{t('payment.noProviders')}</p>;

  return (
    <form
      noValidate
      className="flex flex-col gap-4"
      onSubmit={submitHandler(() => {
        if (!selected || busy || sent.current) return;
        sent.current = true;
        const started = (payment: Payment) => {
          onStarted?.();
          if (payment.redirectUrl) {
            setLeaving(true);
            window.location.assign(sameOriginSandbox(payment.redirectUrl));
          } else if (onInstructions) {
            onInstructions(payment.id);
          } else {
            void navigate(`/payments/${payment.id}`);
          }
        };
        const failed = () => {
          sent.current = false;
        };
        if (invoiceId) {
          payInvoice.mutate({ invoiceId, provider: selected.id }, { onSuccess: started, onError: failed });
        } else if (orderId && scope) {
          payOrder.mutate({ orderId, provider: selected.id, scope }, { onSuccess: started, onError: failed });
        }
      })}
    >
      <fieldset className="flex min-w-0 flex-col gap-2" disabled={busy}>
        <legend className="mb-2 text-sm font-medium">{t('payment.methodLabel')}</legend>
        {items.map((provider) => {
          const Icon = ICONS[provider.id] ?? CreditCard;
          const checked = selected?.id === provider.id;
          return (
            <label
              key={provider.id}
              className={cn(
                'flex min-h-14 cursor-pointer items-start gap-3 rounded-lg border border-border p-3 text-sm transition-colors',
                'has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-ring',
                checked ? 'border-primary bg-accent/60' : 'hover:bg-muted',
              )}
            >
              <input
                type="radio"
                name={`provider-${invoiceId ?? orderId}`}
                value={provider.id}
                checked={checked}
                onChange={() => setChosen(provider.id)}
                className="mt-1 size-4 shrink-0 accent-primary"
              />
              <Icon aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-muted-foreground" />
              <span className="min-w-0">
                <span className="block font-medium">{providerName(provider.id)}</span>
                <span className="block text-xs text-muted-foreground">
                  {t(`payment.providers.${provider.id}.hint`)}
                </span>
                {provider.currency !== currency && (
                  <span className="mt-1 block text-xs text-muted-foreground">
                    {t('payment.currencyNote', { currency: provider.currency })}
                  </span>
                )}
              </span>
            </label>
          );
        })}
      </fieldset>
      {pay.error && <FormError error={pay.error} />}
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <SubmitButton
          size="lg"
          pending={busy}
          pendingLabel={leaving ? t('payment.redirecting') : t('payment.paying')}
          data-testid="pay-button"
        >
          <Lock aria-hidden="true" />
          {t('payment.payButton', { amount: format.money(amountMinor, currency) })}
        </SubmitButton>
      </div>
    </form>
  );
}

/**
 * The sandbox "provider page" is one of ours: stay on the origin the visitor browses (127.0.0.1, a LAN address)
 * rather than APP_URL's, whose cookies this browser may not hold.
 */
function sameOriginSandbox(redirectUrl: string): string {
  try {
    const url = new URL(redirectUrl, window.location.href);
    return url.pathname.startsWith('/pay/sandbox/') ? `${url.pathname}${url.search}` : redirectUrl;
  } catch {
    return redirectUrl;
  }
}
