// What the customer sees of a payment on the page they pay from (an order, an invoice): the `?pay=1` dialog, the
// note after they cancelled at the provider, and the result the sandbox page sends along with the navigation.
import { CheckCircle2, Info, X, XCircle } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearchParams } from 'react-router';
import { Button } from '../../components/ui/Button.tsx';
import { cn } from '../../lib/cn.ts';
import type { PaymentNotice } from './SandboxPaymentPage.tsx';

/**
 * The pay dialog lives in the URL (`?pay=1`, which the e-mails link to) while the record can be paid;
 * `?payment=cancelled` is where a provider sends back a customer who gave up.
 */
export function usePayParam(payable: boolean) {
  const [params, setParams] = useSearchParams();
  const payOpen = payable && params.get('pay') === '1';
  const paymentCancelled = payable && params.get('payment') === 'cancelled';
  const setPayOpen = (open: boolean) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (open) next.set('pay', '1');
        else next.delete('pay');
        next.delete('payment');
        return next;
      },
      { replace: true, preventScrollReset: true },
    );
  return { payOpen, paymentCancelled, setPayOpen };
}

/** "You cancelled the payment": nothing was charged, it is still pending. */
export function PaymentCancelledNote({ children }: { children: ReactNode }) {
  return (
    <p
      role="status"
      className="flex items-start gap-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950/50 dark:text-amber-100"
    >
      <Info aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      {children}
    </p>
  );
}

/** The result of the payment the customer just made, until they close it. */
export function PaymentNoticeBanner({
  describe,
}: {
  /** Title and text of an approved (`paid`) or declined payment of `numbers`. */
  describe: (paid: boolean, numbers: string) => { title: string; text: string };
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const notice = (location.state as { paymentNotice?: PaymentNotice } | null)?.paymentNotice;
  const [dismissed, setDismissed] = useState<PaymentNotice | null>(null);
  const show = notice && notice !== dismissed;
  const paid = notice?.result === 'paid';
  const text = show ? describe(paid, notice.numbers) : null;
  return (
    <div role="status" aria-live="polite" className="empty:hidden">
      {show && text ? (
        <div
          data-testid="payment-notice"
          className={cn(
            'flex items-start gap-3 rounded-xl border p-4 text-sm',
            paid
              ? 'border-green-300 bg-green-50 text-green-900 dark:border-green-800 dark:bg-green-950/60 dark:text-green-100'
              : 'border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950/60 dark:text-red-100',
          )}
        >
          {paid ? (
            <CheckCircle2 aria-hidden="true" className="mt-0.5 size-5 shrink-0" />
          ) : (
            <XCircle aria-hidden="true" className="mt-0.5 size-5 shrink-0" />
          )}
          <div className="flex-1">
            <p className="font-semibold">{text.title}</p>
            <p>{text.text}</p>
          </div>
          <Button
            variant="ghost"
            size="icon"
            className="-mt-2 -mr-2"
            aria-label={t('actions.close')}
            onClick={() => setDismissed(notice)}
          >
            <X aria-hidden="true" />
          </Button>
        </div>
      ) : null}
    </div>
  );
}
