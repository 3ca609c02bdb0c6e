import { CheckCircle2, ShoppingCart } from 'lucide-react';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/session.ts';
import { CurrencyNote } from '../../components/catalog/CurrencyNote.tsx';
import { buttonVariants } from '../../components/ui/Button.tsx';
import { EmptyState } from '../../components/ui/EmptyState.tsx';
import { ErrorState } from '../../components/ui/ErrorState.tsx';
import { useCart } from '../../lib/cart.ts';
import { CartItemEditor } from './cart/CartItemEditor.tsx';
import { CartSummary } from './cart/CartSummary.tsx';
import { useCartProducts, useSavedSshKeys } from './cartData.ts';
import { useServerErrors } from './cartRules.ts';
import { ShopPage } from './shopBits.tsx';

/** `/cart`: the servers the visitor is about to order, each one configurable, with an estimated total. */
export function CartPage() {
  const { t } = useTranslation();
  const items = useCart();
  const location = useLocation();
  const added = (location.state as { added?: string } | null)?.added;
  const products = useCartProducts(items);
  const { data: me } = useMe();
  const savedKeys = useSavedSshKeys(Boolean(me));
  const serverErrors = useServerErrors();

  return (
    <ShopPage>
      <title>{t('cart.documentTitle')}</title>
      <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">{t('cart.title')}</h1>
      <p className="mt-2 max-w-2xl text-muted-foreground">{t('cart.intro')}</p>
      <div role="status" className="mt-4 empty:hidden">
        {added && items.length > 0 ? (
          <p className="flex items-center gap-2 rounded-lg border border-green-300 bg-green-50 p-3 text-sm text-green-900 dark:border-green-800 dark:bg-green-950/60 dark:text-green-100">
            <CheckCircle2 aria-hidden="true" className="size-4 shrink-0" />
            {t('cart.added', { name: added })}
          </p>
        ) : null}
      </div>

      {items.length === 0 ? (
        <EmptyState
          className="mt-8"
          icon={ShoppingCart}
          title={t('cart.emptyTitle')}
          description={t('cart.emptyText')}
          action={
            <Link to="/pricing" className={buttonVariants()}>
              {t('cart.viewPlans')}
            </Link>
          }
        />
      ) : products.error && products.byId.size === 0 ? (
        <ErrorState className="mt-8" error={products.error} onRetry={products.refetch} />
      ) : (
        <div className="mt-8 grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem] lg:items-start">
          <ol className="flex min-w-0 flex-col gap-6" aria-label={t('cart.listLabel')}>
            {items.map((item, index) => (
              <li key={item.id}>
                <CartItemEditor
                  item={item}
                  index={index}
                  product={products.byId.get(item.productId)}
                  missing={products.missing.has(item.productId)}
                  loading={products.pending && !products.byId.has(item.productId)}
                  signedIn={Boolean(me)}
                  savedKeys={savedKeys.data?.items}
                  savedKeysPending={savedKeys.isLoading}
                  serverErrors={serverErrors[item.id]}
                />
              </li>
            ))}
          </ol>
          <CartSummary items={items} products={products} serverErrors={serverErrors} />
        </div>
      )}
      <CurrencyNote />
    </ShopPage>
  );
}
