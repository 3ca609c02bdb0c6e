import { useQueryClient } from '@tanstack/react-query';
import { AlertCircle, CheckCircle2, Pencil, ShoppingCart } from 'lucide-react';
import { useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { useCreateOrders } from '../../api/orders.ts';
import { sessionKeys } from '../../api/session.ts';
import type { CreateOrdersResponse, User } from '../../api/models.ts';
import { VerifyEmailBanner } from '../../components/account/VerifyEmailBanner.tsx';
import { CurrencyNote } from '../../components/catalog/CurrencyNote.tsx';
import { FormError, SubmitButton } from '../../components/form/FormBits.tsx';
import { LegalAcceptance, type LegalAccepted } from '../../components/legal/LegalAcceptance.tsx';
import { legalKeys } from '../../api/legal.ts';
import { buttonVariants } from '../../components/ui/Button.tsx';
import { Card } from '../../components/ui/Card.tsx';
import { EmptyState } from '../../components/ui/EmptyState.tsx';
import { ErrorState } from '../../components/ui/ErrorState.tsx';
import { Skeleton } from '../../components/ui/Skeleton.tsx';
import { clearCart, useCart, type CartItem } from '../../lib/cart.ts';
import { useFormat } from '../../lib/format.ts';
import { useRegionText } from '../../lib/regions.ts';
import { useCartProducts, useSavedSshKeys, type CartProducts } from './cartData.ts';
import { itemPreview } from './cartSummary.ts';
import {
  applyServerErrors,
  checkCartItem,
  clearServerErrors,
  toRequest,
  useServerErrors,
  type CartErrors,
} from './cartRules.ts';
import { PaymentForm } from './PaymentForm.tsx';
import { FieldMessage, RequireUser, ShopPage } from './shopBits.tsx';

/** Orders created from the cart and not paid yet: kept for this tab so a reload still offers to pay them. */
const CHECKOUT_KEY = 'cv.checkout.v1';

function readCreated(): CreateOrdersResponse | null {
  try {
    const raw = sessionStorage.getItem(CHECKOUT_KEY);
    const value = raw ? (JSON.parse(raw) as CreateOrdersResponse) : null;
    return value && Array.isArray(value.items) && value.items.length > 0 ? value : null;
  } catch {
    return null;
  }
}

function saveCreated(value: CreateOrdersResponse | null): void {
  try {
    if (value) sessionStorage.setItem(CHECKOUT_KEY, JSON.stringify(value));
    else sessionStorage.removeItem(CHECKOUT_KEY);
  } catch {
    // Private mode: the orders are still in the panel.
  }
}

/** `/checkout`: review the cart, create the orders (POST /api/orders), then pay them all together. */
export function CheckoutPage() {
  const { t } = useTranslation();
  return (
    <ShopPage>
      <title>{t('checkout.documentTitle')}</title>
      <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">{t('checkout.title')}</h1>
      <div className="mt-6">
        <RequireUser>{(user) => <Checkout user={user} />}</RequireUser>
      </div>
      <CurrencyNote />
    </ShopPage>
  );
}

function Checkout({ user }: { user: User }) {
  const items = useCart();
  const [created, setCreated] = useState<CreateOrdersResponse | null>(readCreated);
  if (created) return <PayStep created={created} onDone={() => saveCreated(null)} />;
  if (items.length === 0) return <NothingToPay />;
  return (
    <ReviewStep
      user={user}
      items={items}
      onCreated={(response) => {
        saveCreated(response);
        setCreated(response);
      }}
    />
  );
}

function NothingToPay() {
  const { t } = useTranslation();
  return (
    <EmptyState
      icon={ShoppingCart}
      title={t('checkout.emptyTitle')}
      description={t('checkout.emptyText')}
      action={
        <div className="flex flex-col gap-2 sm:flex-row">
          <Link to="/pricing" className={buttonVariants()}>
            {t('cart.viewPlans')}
          </Link>
          <Link to="/panel/orders" className={buttonVariants({ variant: 'outline' })}>
            {t('checkout.viewOrders')}
          </Link>
        </div>
      }
    />
  );
}

function ReviewStep({
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
  const queryClient = useQueryClient();
  const products = useCartProducts(items);
  const savedKeys = useSavedSshKeys(true);
  const serverErrors = useServerErrors();
  const create = useCreateOrders();
  const [fieldProblems, setFieldProblems] = useState(false);
  const [legal, setLegal] = useState<LegalAccepted | null>(null);
  const [legalError, setLegalError] = useState<string | undefined>();
  const sending = useRef(false);
  const previews = items.map((item) => itemPreview(item, products));
  const currency = previews.find(Boolean)?.currency;
  const total = previews.reduce((sum, p) => sum + (p?.totalMinor ?? 0), 0);
  const localProblems = items.some(
    (item) =>
      products.missing.has(item.productId) ||
      Object.keys(checkCartItem(item, products.byId.get(item.productId))).length > 0,
  );

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
          <form
            noValidate
            className="flex flex-col gap-3"
            onSubmit={(event) => {
              event.preventDefault();
              if (create.isPending || sending.current || localProblems || products.pending) return;
              if (!legal) {
                setLegalError('errors.codes.legal_acceptance_required');
                return;
              }
              sending.current = true;
              setFieldProblems(false);
              clearServerErrors();
              create.mutate(
                { items: items.map(toRequest), legalAccepted: legal },
                {
                  onSuccess: (response) => {
                    clearCart();
                    onCreated(response);
                  },
                  onError: (error) => {
                    sending.current = false;
                    if (applyServerErrors(error, items)) {
                      setFieldProblems(true);
                      create.reset();
                    } else if (error instanceof ApiError && error.code === 'email_not_verified') {
                      void queryClient.invalidateQueries({ queryKey: sessionKeys.me });
                    } else if (error instanceof ApiError && error.code.startsWith('legal_')) {
                      // The documents changed while the page was open: show the new versions and ask again.
                      setLegal(null);
                      void queryClient.invalidateQueries({ queryKey: legalKeys.versions });
                    }
                  },
                },
              );
            }}
          >
            {fieldProblems && (
              <p role="alert" className="flex items-start gap-1.5 text-sm text-red-700 dark:text-red-300">
                <AlertCircle aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
                {t('checkout.fieldProblems')}
              </p>
            )}
            {localProblems && !fieldProblems && (
              <p role="alert" className="flex items-start gap-1.5 text-sm text-red-700 dark:text-red-300">
                <AlertCircle aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
                {t('cart.invalid')}
              </p>
            )}
            {create.error && <FormError error={create.error} />}
            <LegalAcceptance
              documents={['terms', 'refunds']}
              checked={legal !== null}
              error={legalError}
              onChange={(accepted) => {
                setLegal(accepted);
                if (accepted) setLegalError(undefined);
              }}
            />
            <SubmitButton
              size="lg"
              pending={create.isPending}
              pendingLabel={t('checkout.confirming')}
              disabled={localProblems || products.pending}
            >
              {t('checkout.confirm')}
            </SubmitButton>
            <p className="text-xs text-muted-foreground">{t('checkout.confirmNote')}</p>
          </form>
        )}
      </Card>
    </div>
  );
}

function ReviewItem({
  item,
  products,
  savedKeyNames,
  errors,
}: {
  item: CartItem;
  products: CartProducts;
  savedKeyNames: Map<string, string>;
  errors: CartErrors;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const regionText = useRegionText();
  const product = products.byId.get(item.productId);
  const preview = itemPreview(item, products);
  const region = product?.regions.find((r) => r.code === item.region);
  const image = product?.images.find((i) => i.id === item.imageId);
  const keys = [
    ...item.sshKeyIds.map((id) => savedKeyNames.get(id) ?? id.slice(0, 8)),
    ...item.sshPublicKeys.map((k) => k.name),
  ];

  const rows: Array<{
    label: string;
    value: string;
    error?: CartErrors[keyof CartErrors];
    testId?: string;
  }> = [
    {
      label: t('period.label'),
      value: t('period.months', { count: item.periodMonths }),
      error: errors.periodMonths,
    },
    {
      label: t('product.region'),
      value: region ? regionText.name(region.code, region.name) : item.region,
      error: errors.region,
    },
    { label: t('product.image'), value: image?.name ?? '—', error: errors.imageId },
    // A licensed image (Windows) costs its own line: the customer sees it before confirming.
    ...(preview && preview.licenseMinor > 0
      ? [
          {
            label: t('breakdown.license', { count: item.periodMonths, name: preview.licenseName ?? '' }),
            value: format.money(preview.licenseMinor, preview.currency),
            testId: 'checkout-license',
          },
        ]
      : []),
    {
      label: t('cart.sshTitle'),
      value: keys.length ? keys.join(', ') : t('checkout.none'),
      error: errors.sshKeys,
    },
    {
      label: t('cart.hostname'),
      value: item.displayName.trim() || t('checkout.hostnameAuto'),
      error: errors.displayName,
    },
    {
      label: t('cart.userData'),
      value: item.userData.trim() ? t('checkout.included') : t('checkout.notIncluded'),
      error: errors.userData,
    },
  ];

  return (
    <Card className="flex flex-col gap-3 p-4 sm:p-5" data-testid="checkout-item">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="font-semibold">{product?.name ?? '…'}</h3>
        <span className="font-semibold">
          {preview ? format.money(preview.totalMinor, preview.currency) : '—'}
        </span>
      </div>
      {(errors.productId || products.missing.has(item.productId)) && (
        <FieldMessage message="cart.errors.productId" />
      )}
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
        {rows.map((row) => (
          <div key={row.label} className="min-w-0" data-testid={row.testId}>
            <dt className="text-xs text-muted-foreground">{row.label}</dt>
            <dd className="break-words">{row.value}</dd>
            {row.error && <FieldMessage message={row.error} />}
          </div>
        ))}
      </dl>
    </Card>
  );
}

function PayStep({ created, onDone }: { created: CreateOrdersResponse; onDone: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const regionText = useRegionText();
  const navigate = useNavigate();
  const orders = created.items;
  const first = orders[0]!;
  const total = orders.reduce((sum, o) => sum + o.totalMinor, 0);
  const numbers = orders.map((o) => o.orderNumber).join(', ');

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem] lg:items-start">
      <section aria-labelledby="created-title" className="flex min-w-0 flex-col gap-4">
        <div
          role="status"
          className="flex items-start gap-3 rounded-xl border border-green-300 bg-green-50 p-4 text-green-900 dark:border-green-800 dark:bg-green-950/60 dark:text-green-100"
        >
          <CheckCircle2 aria-hidden="true" className="mt-0.5 size-5 shrink-0" />
          <div>
            <h2 id="created-title" className="font-semibold">
              {t('checkout.created', { count: orders.length, numbers })}
            </h2>
            <p className="text-sm">{t('checkout.createdText')}</p>
          </div>
        </div>
        <Card className="p-5">
          <h2 className="mb-3 text-lg font-semibold">{t('checkout.ordersTitle')}</h2>
          <ul className="flex flex-col divide-y divide-border" data-testid="created-orders">
            {orders.map((order) => (
              <li key={order.id} className="flex items-baseline justify-between gap-3 py-2.5 text-sm">
                <span className="min-w-0">
                  <span className="block font-medium">{order.product.name}</span>
                  <span className="block text-xs text-muted-foreground">
                    {order.orderNumber} · {t('period.months', { count: order.periodMonths })} ·{' '}
                    {regionText.name(order.region, order.region)}
                  </span>
                </span>
                <span className="font-semibold whitespace-nowrap">
                  {format.money(order.totalMinor, order.currency)}
                </span>
              </li>
            ))}
          </ul>
          <div className="mt-2 flex items-baseline justify-between gap-4 border-t border-border pt-3">
            <span className="font-semibold">{t('checkout.totalToPay')}</span>
            <span className="text-xl font-bold" data-testid="checkout-total">
              {format.money(total, first.currency)}
            </span>
          </div>
        </Card>
      </section>

      <Card className="flex flex-col gap-4 p-5 lg:sticky lg:top-20" aria-labelledby="pay-title">
        <h2 id="pay-title" className="text-lg font-semibold">
          {t('checkout.payTitle')}
        </h2>
        <PaymentForm
          orderId={first.id}
          scope="checkout"
          amountMinor={total}
          currency={first.currency}
          onStarted={onDone}
          onInstructions={(paymentId) => {
            void navigate(`/payments/${paymentId}`, { replace: true });
          }}
        />
        <Link
          to="/panel/orders"
          onClick={onDone}
          className={buttonVariants({ variant: 'ghost', size: 'sm' })}
        >
          {t('checkout.payLater')}
        </Link>
      </Card>
    </div>
  );
}
