import { Pencil } from 'lucide-react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CreateOrdersResponse, User } from '../../../api/models.ts';
import { VerifyEmailBanner } from '../../../components/account/VerifyEmailBanner.tsx';
import { buttonVariants } from '../../../components/ui/Button.tsx';
import { Card } from '../../../components/ui/Card.tsx';
import { ErrorState } from '../../../components/ui/ErrorState.tsx';
import { Skeleton } from '../../../components/ui/Skeleton.tsx';
import type { CartItem } from '../../../lib/cart.ts';
import { useFormat } from '../../../lib/format.ts';
import { useCartProducts, useSavedSshKeys } from '../cartData.ts';
import { checkCartItem, useServerErrors } from '../cartRules.ts';
import { summarizeCart } from '../cartSummary.ts';
import { ConfirmOrdersForm } from './ConfirmOrdersForm.tsx';
import { ReviewItem } from './ReviewItem.tsx';

/** The first checkout step: the cart read-only, the estimated total, and the form that creates the orders. */
export function ReviewStep({
  user,
  items,
  onCreated,
}: {
  user: User;
  items: CartItem[];
  onCreated: (response: CreateOrdersResponse) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const products = useCartProducts(items);
  const savedKeys = useSavedSshKeys(true);
  const serverErrors = useServerErrors();
  // Only the rules the browser checks hold the button: errors the API sent back show on their lines.
  const { currency, totalMinor: total, invalid: localProblems } = summarizeCart(items, products, {});

  if (products.error && products.byId.size === 0)
    return <ErrorState error={products.error} onRetry={products.refetch} />;

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem] lg:items-start">
      <section aria-labelledby="review-title" className="flex min-w-0 flex-col gap-4">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="review-title" className="text-xl font-semibold">
            {t('checkout.reviewTitle')}
          </h2>
          <Link to="/cart" className={buttonVariants({ variant: 'outline', size: 'sm' })}>
            <Pencil aria-hidden="true" />
            {t('checkout.edit')}
          </Link>
        </div>
        {products.pending ? (
          <Skeleton className="h-64 w-full rounded-xl" />
        ) : (
          <ol className="flex flex-col gap-3">
            {items.map((item) => (
              <li key={item.id}>
                <ReviewItem
                  item={item}
                  products={products}
                  savedKeyNames={new Map(savedKeys.data?.items.map((k) => [k.id, k.name]))}
                  errors={{
                    ...checkCartItem(item, products.byId.get(item.productId)),
                    ...serverErrors[item.id],
                  }}
                />
              </li>
            ))}
          </ol>
        )}
      </section>

      <Card className="flex flex-col gap-4 p-5 lg:sticky lg:top-20" aria-labelledby="checkout-total-title">
        <h2 id="checkout-total-title" className="text-lg font-semibold">
          {t('cart.summaryTitle')}
        </h2>
        <div className="flex items-baseline justify-between gap-4">
          <span className="font-semibold">{t('breakdown.estimatedTotal')}</span>
          <span className="text-xl font-bold" data-testid="checkout-estimate">
            {currency ? format.money(total, currency) : '—'}
          </span>
        </div>
        <p className="text-xs text-muted-foreground">{t('checkout.priceNote')}</p>
        {!user.emailVerified ? (
          <VerifyEmailBanner
            email={user.email}
            title={t('checkout.verifyTitle')}
            text={t('checkout.verifyText', { email: user.email })}
            className="sm:flex-col"
          />
        ) : (
          <ConfirmOrdersForm
            items={items}
            localProblems={localProblems}
            pending={products.pending}
            onCreated={onCreated}
          />
        )}
      </Card>
    </div>
  );
}
