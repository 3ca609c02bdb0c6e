import { AlertCircle, ArrowRight, Plus } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Button, buttonVariants } from '../../../components/ui/Button.tsx';
import { Card } from '../../../components/ui/Card.tsx';
import type { CartItem } from '../../../lib/cart.ts';
import { useFormat } from '../../../lib/format.ts';
import type { CartProducts } from '../cartData.ts';
import type { CartErrors } from '../cartRules.ts';
import { summarizeCart } from '../cartSummary.ts';

/** The cart's side card: one price per line, the estimated total, and the way to checkout once every line is valid. */
export function CartSummary({
  items,
  products,
  serverErrors,
}: {
  items: CartItem[];
  products: CartProducts;
  serverErrors: Record<string, CartErrors>;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const {
    previews,
    currency,
    totalMinor: total,
    invalid,
    ready,
  } = summarizeCart(items, products, serverErrors);

  return (
    <Card className="flex flex-col gap-4 p-5 lg:sticky lg:top-20" aria-labelledby="cart-summary-title">
      <h2 id="cart-summary-title" className="text-lg font-semibold">
        {t('cart.summaryTitle')}
      </h2>
      <ul className="flex flex-col gap-2 text-sm">
        {items.map((item, i) => {
          const product = products.byId.get(item.productId);
          const preview = previews[i];
          return (
            <li key={item.id} className="flex items-baseline justify-between gap-3">
              <span className="min-w-0">
                <span className="font-medium">{product?.name ?? '…'}</span>
                <span className="block text-xs text-muted-foreground">
                  {t('period.months', { count: item.periodMonths })}
                </span>
              </span>
              <span className="font-medium whitespace-nowrap">
                {preview ? format.money(preview.totalMinor, preview.currency) : '—'}
              </span>
            </li>
          );
        })}
      </ul>
      <div className="flex items-baseline justify-between gap-4 border-t border-border pt-3">
        <span className="font-semibold">{t('breakdown.estimatedTotal')}</span>
        <span className="text-xl font-bold" data-testid="cart-total">
          {currency ? format.money(total, currency) : '—'}
        </span>
      </div>
      <p className="text-xs text-muted-foreground">{t('breakdown.previewNote')}</p>
      {invalid && !products.pending && (
        <p role="alert" className="flex items-start gap-1.5 text-sm text-red-700 dark:text-red-300">
          <AlertCircle aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          {t('cart.invalid')}
        </p>
      )}
      <Button size="lg" disabled={!ready} onClick={() => void navigate('/checkout')}>
        {t('cart.checkout')}
        <ArrowRight aria-hidden="true" />
      </Button>
      <Link to="/pricing" className={buttonVariants({ variant: 'ghost', size: 'sm' })}>
        <Plus aria-hidden="true" />
        {t('cart.addAnother')}
      </Link>
    </Card>
  );
}
