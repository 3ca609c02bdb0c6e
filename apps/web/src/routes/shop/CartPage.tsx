import { AlertCircle, ArrowRight, CheckCircle2, KeyRound, Plus, ShoppingCart, Trash2 } from 'lucide-react';
import { useId, useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/session.ts';
import type { PeriodMonths, ProductDetail, SshKey } from '../../api/models.ts';
import { CurrencyNote } from '../../components/catalog/CurrencyNote.tsx';
import { PERIODS } from '../../components/catalog/PeriodSelector.tsx';
import { PriceBreakdown } from '../../components/catalog/PriceBreakdown.tsx';
import { planPath, previewPrice } from '../../components/catalog/pricing.ts';
import { Button, buttonVariants } from '../../components/ui/Button.tsx';
import { Card } from '../../components/ui/Card.tsx';
import { EmptyState } from '../../components/ui/EmptyState.tsx';
import { ErrorState } from '../../components/ui/ErrorState.tsx';
import { Skeleton } from '../../components/ui/Skeleton.tsx';
import { removeCartItem, updateCartItem, useCart, type CartItem } from '../../lib/cart.ts';
import { cn } from '../../lib/cn.ts';
import { useFormat } from '../../lib/format.ts';
import { useRegionText } from '../../lib/regions.ts';
import { itemPreview, useCartProducts, useSavedSshKeys, type CartProducts } from './cartData.ts';
import {
  checkCartItem,
  checkNewKey,
  clearServerErrors,
  HOSTNAME_MAX,
  isWindows,
  USER_DATA_MAX_BYTES,
  useServerErrors,
  utf8Bytes,
  type CartErrorKey,
  type CartErrors,
  type CartField,
  type NewKeyError,
} from './cartRules.ts';
import { controlClass, FieldMessage, ShopPage } from './shopBits.tsx';

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

function CartSummary({
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
  const previews = items.map((item) => itemPreview(item, products));
  const currency = previews.find(Boolean)?.currency;
  const total = previews.reduce((sum, p) => sum + (p?.totalMinor ?? 0), 0);
  const invalid = items.some((item) => {
    const product = products.byId.get(item.productId);
    return (
      products.missing.has(item.productId) ||
      Object.keys(checkCartItem(item, product)).length > 0 ||
      Object.values(serverErrors[item.id] ?? {}).some(Boolean)
    );
  });
  const ready = !products.pending && !invalid && previews.every(Boolean);

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

type EditorProps = {
  item: CartItem;
  index: number;
  product: ProductDetail | undefined;
  missing: boolean;
  loading: boolean;
  signedIn: boolean;
  savedKeys: SshKey[] | undefined;
  savedKeysPending: boolean;
  serverErrors: CartErrors | undefined;
};

function CartItemEditor({
  item,
  index,
  product,
  missing,
  loading,
  signedIn,
  savedKeys,
  savedKeysPending,
  serverErrors,
}: EditorProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const regionText = useRegionText();
  const baseId = useId();
  const titleId = `${baseId}-title`;
  const update = (field: CartField, patch: Partial<Omit<CartItem, 'id'>>) => {
    clearServerErrors(item.id, field);
    updateCartItem(item.id, patch);
  };
  const remove = () => {
    clearServerErrors(item.id);
    removeCartItem(item.id);
  };

  if (loading) return <Skeleton className="h-96 w-full rounded-xl" />;
  if (missing || !product) {
    return (
      <Card className="flex flex-col gap-3 p-5" data-testid="cart-item">
        <p className="flex items-start gap-2 text-sm text-red-700 dark:text-red-300">
          <AlertCircle aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          {t('cart.errors.productId')}
        </p>
        <Button variant="outline" size="sm" className="self-start" onClick={remove}>
          <Trash2 aria-hidden="true" />
          {t('cart.remove')}
        </Button>
      </Card>
    );
  }

  const errors: CartErrors = { ...checkCartItem(item, product), ...serverErrors };
  const windows = isWindows(product, item.imageId);
  const bytes = utf8Bytes(item.userData);
  const money = (minor: number) => format.money(minor, product.currency);
  const preview = previewPrice(
    product,
    item.periodMonths,
    item.region,
    product.images.find((image) => image.id === item.imageId),
  );

  return (
    <Card
      className="flex flex-col gap-5 p-5"
      aria-labelledby={titleId}
      role="group"
      data-testid="cart-item"
      data-product={product.name}
    >
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="text-xs font-medium tracking-wide text-muted-foreground uppercase">
            {t('cart.itemNumber', { number: index + 1 })}
          </p>
          <h2 id={titleId} className="text-lg font-semibold">
            <Link to={planPath(product.id, item.periodMonths)} className="hover:text-primary hover:underline">
              {product.name}
            </Link>
          </h2>
          <p className="text-sm text-muted-foreground">
            {t('plan.cpu', { count: product.cpuCores })} ·{' '}
            {t('plan.ram', { value: format.gb(product.ramMb) })} ·{' '}
            {t('plan.disk', { value: format.number(product.diskGb), type: product.diskType })}
          </p>
        </div>
        <Button
          variant="ghost"
          size="sm"
          aria-label={t('cart.removeLabel', { name: product.name })}
          className="shrink-0 text-red-700 hover:bg-red-50 dark:text-red-300 dark:hover:bg-red-950"
          onClick={remove}
        >
          <Trash2 aria-hidden="true" />
          <span className="max-sm:sr-only">{t('cart.remove')}</span>
        </Button>
      </div>

      {errors.productId && <FieldMessage message={errors.productId} />}

      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={`${baseId}-period`} label={t('period.label')} error={errors.periodMonths}>
          <select
            id={`${baseId}-period`}
            value={item.periodMonths}
            aria-invalid={errors.periodMonths ? true : undefined}
            onChange={(event) =>
              update('periodMonths', { periodMonths: Number(event.target.value) as PeriodMonths })
            }
            className={cn(controlClass, 'h-11')}
          >
            {PERIODS.filter((p) => product.prices.some((price) => price.periodMonths === p)).map((p) => {
              const price = product.prices.find((candidate) => candidate.periodMonths === p);
              return (
                <option key={p} value={p}>
                  {t('period.months', { count: p })}
                  {price && price.discountPercent > 0
                    ? ` (${t('period.save', { percent: price.discountPercent })})`
                    : ''}
                </option>
              );
            })}
          </select>
        </Field>
        <Field id={`${baseId}-region`} label={t('product.region')} error={errors.region}>
          <select
            id={`${baseId}-region`}
            value={item.region}
            aria-invalid={errors.region ? true : undefined}
            onChange={(event) => update('region', { region: event.target.value })}
            className={cn(controlClass, 'h-11')}
          >
            {!product.regions.some((r) => r.code === item.region) && (
              <option value={item.region}>{item.region}</option>
            )}
            {product.regions.map((r) => (
              <option key={r.code} value={r.code}>
                {regionText.name(r.code, r.name)}
                {r.surchargeMinor > 0
                  ? ` (${t('product.surcharge', { amount: money(r.surchargeMinor) })})`
                  : ''}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${baseId}-image`} label={t('product.image')} error={errors.imageId}>
          <select
            id={`${baseId}-image`}
            value={item.imageId}
            aria-invalid={errors.imageId ? true : undefined}
            onChange={(event) => update('imageId', { imageId: event.target.value })}
            className={cn(controlClass, 'h-11')}
          >
            {product.images.map((image) => (
              <option key={image.id} value={image.id}>
                {image.name}
                {image.licenseFeeMinor > 0
                  ? ` (${t('product.surcharge', { amount: money(image.licenseFeeMinor) })})`
                  : ''}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id={`${baseId}-hostname`}
          label={t('cart.hostname')}
          optional
          hint={t('cart.hostnameHint')}
          error={errors.displayName}
        >
          <input
            id={`${baseId}-hostname`}
            value={item.displayName}
            maxLength={HOSTNAME_MAX + 10}
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="none"
            placeholder={t('cart.hostnamePlaceholder')}
            aria-invalid={errors.displayName ? true : undefined}
            aria-describedby={`${baseId}-hostname-hint${errors.displayName ? ` ${baseId}-hostname-error` : ''}`}
            onChange={(event) => update('displayName', { displayName: event.target.value })}
            className={cn(controlClass, 'h-11')}
          />
        </Field>
      </div>

      <SshKeysFieldset
        item={item}
        baseId={baseId}
        windows={windows}
        signedIn={signedIn}
        savedKeys={savedKeys}
        savedKeysPending={savedKeysPending}
        error={errors.sshKeys}
        onChange={(patch) => update('sshKeys', patch)}
      />

      <details className="group rounded-lg border border-border" open={Boolean(errors.userData) || undefined}>
        <summary className="flex min-h-11 cursor-pointer items-center gap-2 rounded-lg px-3 text-sm font-medium select-none hover:bg-muted">
          <span className="transition-transform group-open:rotate-90" aria-hidden="true">
            ▸
          </span>
          {t('cart.advanced')}
          {item.userData.trim() && (
            <span className="ml-auto text-xs font-normal text-muted-foreground">{t('cart.userDataSet')}</span>
          )}
        </summary>
        <div className="border-t border-border p-3">
          <Field
            id={`${baseId}-userdata`}
            label={t('cart.userData')}
            optional
            hint={
              <span className="flex flex-wrap justify-between gap-2">
                <span>{t('cart.userDataHint')}</span>
                <span
                  className={cn(
                    bytes > USER_DATA_MAX_BYTES && 'font-semibold text-red-700 dark:text-red-300',
                  )}
                >
                  {t('cart.userDataSize', {
                    used: format.number(Math.ceil(bytes / 102.4) / 10),
                    max: format.number(USER_DATA_MAX_BYTES / 1024),
                  })}
                </span>
              </span>
            }
            error={errors.userData}
          >
            <textarea
              id={`${baseId}-userdata`}
              value={item.userData}
              rows={6}
              spellCheck={false}
              autoCapitalize="none"
              placeholder={'#cloud-config\npackages:\n  - nginx'}
              aria-invalid={errors.userData ? true : undefined}
              aria-describedby={`${baseId}-userdata-hint${errors.userData ? ` ${baseId}-userdata-error` : ''}`}
              onChange={(event) => update('userData', { userData: event.target.value })}
              className={cn(controlClass, 'min-h-32 py-2.5 font-mono text-sm')}
            />
          </Field>
        </div>
      </details>

      {preview && (
        <div className="rounded-lg bg-muted/60 p-4">
          <PriceBreakdown amounts={preview} estimated />
        </div>
      )}
    </Card>
  );
}

function SshKeysFieldset({
  item,
  baseId,
  windows,
  signedIn,
  savedKeys,
  savedKeysPending,
  error,
  onChange,
}: {
  item: CartItem;
  baseId: string;
  windows: boolean;
  signedIn: boolean;
  savedKeys: SshKey[] | undefined;
  savedKeysPending: boolean;
  error: CartErrorKey | undefined;
  onChange: (patch: Pick<CartItem, 'sshKeyIds'> | Pick<CartItem, 'sshPublicKeys'>) => void;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState('');
  const [publicKey, setPublicKey] = useState('');
  const [newErrors, setNewErrors] = useState<{ name?: NewKeyError; publicKey?: NewKeyError }>({});
  const errorId = `${baseId}-ssh-error`;
  const next = encodeURIComponent(`${location.pathname}${location.search}`);

  const addKey = () => {
    const problems = checkNewKey(name, publicKey, [...item.sshPublicKeys, ...(savedKeys ?? [])]);
    setNewErrors(problems);
    if (problems.name || problems.publicKey) return;
    onChange({ sshPublicKeys: [...item.sshPublicKeys, { name: name.trim(), publicKey: publicKey.trim() }] });
    setName('');
    setPublicKey('');
    setAdding(false);
  };

  return (
    <fieldset
      className="flex min-w-0 flex-col gap-3"
      aria-describedby={error ? errorId : undefined}
      data-testid="cart-ssh"
    >
      <legend className="mb-1 flex items-center gap-2 text-sm font-medium">
        <KeyRound aria-hidden="true" className="size-4 text-muted-foreground" />
        {t('cart.sshTitle')} <span className="font-normal text-muted-foreground">{t('form.optional')}</span>
      </legend>
      <p className="text-xs text-muted-foreground">
        {windows ? t('cart.sshWindowsNote') : t('cart.sshHelp')}
      </p>

      {signedIn ? (
        savedKeysPending ? (
          <Skeleton className="h-11 w-full" />
        ) : savedKeys && savedKeys.length > 0 ? (
          <ul className="flex flex-col gap-1.5">
            {savedKeys.map((key) => {
              const checked = item.sshKeyIds.includes(key.id);
              return (
                <li key={key.id}>
                  <label className="flex min-h-11 cursor-pointer items-center gap-3 rounded-lg border border-border px-3 py-2 text-sm has-[:checked]:border-primary has-[:checked]:bg-accent/50">
                    <input
                      type="checkbox"
                      checked={checked}
                      onChange={(event) =>
                        onChange({
                          sshKeyIds: event.target.checked
                            ? [...item.sshKeyIds, key.id]
                            : item.sshKeyIds.filter((id) => id !== key.id),
                        })
                      }
                      className="size-4 shrink-0 accent-primary"
                    />
                    <span className="min-w-0">
                      <span className="block font-medium break-all">{key.name}</span>
                      <span className="block font-mono text-xs break-all text-muted-foreground">
                        {key.fingerprint}
                      </span>
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
        ) : (
          <p className="text-sm text-muted-foreground">{t('cart.sshNoSaved')}</p>
        )
      ) : (
        <p className="text-sm text-muted-foreground">
          <Link
            to={`/login?next=${next}`}
            className="font-medium text-primary underline-offset-2 hover:underline"
          >
            {t('cart.sshSignIn')}
          </Link>{' '}
          {t('cart.sshSignInRest')}
        </p>
      )}

      {item.sshPublicKeys.length > 0 && (
        <ul className="flex flex-col gap-1.5">
          {item.sshPublicKeys.map((key, i) => (
            <li
              key={`${key.name}-${i}`}
              className="flex items-center gap-3 rounded-lg border border-border px-3 py-2 text-sm"
            >
              <KeyRound aria-hidden="true" className="size-4 shrink-0 text-muted-foreground" />
              <span className="min-w-0 flex-1">
                <span className="block font-medium break-all">{key.name}</span>
                <span className="block truncate font-mono text-xs text-muted-foreground">
                  {key.publicKey}
                </span>
              </span>
              <Button
                variant="ghost"
                size="sm"
                aria-label={t('cart.sshRemoveLabel', { name: key.name })}
                onClick={() => onChange({ sshPublicKeys: item.sshPublicKeys.filter((_, j) => j !== i) })}
              >
                <Trash2 aria-hidden="true" />
              </Button>
            </li>
          ))}
        </ul>
      )}

      {adding ? (
        <div className="flex flex-col gap-3 rounded-lg border border-dashed border-border p-3">
          <Field id={`${baseId}-key-name`} label={t('cart.sshName')} error={newErrors.name}>
            <input
              id={`${baseId}-key-name`}
              value={name}
              autoComplete="off"
              placeholder={t('account.sshKeys.namePlaceholder')}
              aria-invalid={newErrors.name ? true : undefined}
              onChange={(event) => setName(event.target.value)}
              className={cn(controlClass, 'h-11 sm:max-w-sm')}
            />
          </Field>
          <Field
            id={`${baseId}-key`}
            label={t('cart.sshPublicKey')}
            hint={t('account.sshKeys.publicKeyHint')}
            error={newErrors.publicKey}
          >
            <textarea
              id={`${baseId}-key`}
              value={publicKey}
              rows={3}
              spellCheck={false}
              autoCapitalize="none"
              placeholder="ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA… usuario@equipo"
              aria-invalid={newErrors.publicKey ? true : undefined}
              aria-describedby={`${baseId}-key-hint${newErrors.publicKey ? ` ${baseId}-key-error` : ''}`}
              onChange={(event) => setPublicKey(event.target.value)}
              className={cn(controlClass, 'min-h-20 py-2.5 font-mono text-sm break-all')}
            />
          </Field>
          <div className="flex flex-wrap gap-2">
            <Button size="sm" onClick={addKey}>
              <Plus aria-hidden="true" />
              {t('cart.sshAdd')}
            </Button>
            <Button
              variant="ghost"
              size="sm"
              onClick={() => {
                setAdding(false);
                setNewErrors({});
              }}
            >
              {t('actions.cancel')}
            </Button>
          </div>
        </div>
      ) : (
        <Button variant="outline" size="sm" className="self-start" onClick={() => setAdding(true)}>
          <Plus aria-hidden="true" />
          {t('cart.sshPaste')}
        </Button>
      )}
      {error && <FieldMessage id={errorId} message={error} />}
    </fieldset>
  );
}

function Field({
  id,
  label,
  hint,
  error,
  optional,
  children,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: CartErrorKey | NewKeyError | undefined;
  optional?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="flex min-w-0 flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
        {optional && <span className="font-normal text-muted-foreground"> {t('form.optional')}</span>}
      </label>
      {children}
      {hint && (
        <div id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </div>
      )}
      {error && <FieldMessage id={`${id}-error`} message={error} />}
    </div>
  );
}
