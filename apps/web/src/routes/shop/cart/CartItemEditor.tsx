import { AlertCircle, Trash2 } from 'lucide-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PeriodMonths, ProductDetail, SshKey } from '../../../api/models.ts';
import { PERIODS } from '../../../components/catalog/PeriodSelector.tsx';
import { PriceBreakdown } from '../../../components/catalog/PriceBreakdown.tsx';
import { planPath, previewPrice } from '../../../components/catalog/pricing.ts';
import { Button } from '../../../components/ui/Button.tsx';
import { Card } from '../../../components/ui/Card.tsx';
import { Skeleton } from '../../../components/ui/Skeleton.tsx';
import { removeCartItem, updateCartItem, type CartItem } from '../../../lib/cart.ts';
import { cn } from '../../../lib/cn.ts';
import { useFormat } from '../../../lib/format.ts';
import { useRegionText } from '../../../lib/regions.ts';
import {
  checkCartItem,
  clearServerErrors,
  HOSTNAME_MAX,
  isWindows,
  type CartErrors,
  type CartField,
} from '../cartRules.ts';
import { controlClass, FieldMessage } from '../shopBits.tsx';
import { Field } from './CartField.tsx';
import { SshKeysFieldset } from './SshKeysFieldset.tsx';
import { UserDataField } from './UserDataField.tsx';

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
/** One cart line: plan, period, region, image, hostname, SSH keys and user data, with its price preview. */
export function CartItemEditor({
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

      <UserDataField
        item={item}
        baseId={baseId}
        error={errors.userData}
        onChange={(userData) => update('userData', { userData })}
      />

      {preview && (
        <div className="rounded-lg bg-muted/60 p-4">
          <PriceBreakdown amounts={preview} estimated />
        </div>
      )}
    </Card>
  );
}
