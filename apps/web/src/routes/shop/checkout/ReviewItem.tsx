import { useTranslation } from 'react-i18next';
import { Card } from '../../../components/ui/Card.tsx';
import type { CartItem } from '../../../lib/cart.ts';
import { useFormat } from '../../../lib/format.ts';
import { useRegionText } from '../../../lib/regions.ts';
import type { CartProducts } from '../cartData.ts';
import type { CartErrors } from '../cartRules.ts';
import { itemPreview } from '../cartSummary.ts';
import { FieldMessage } from '../shopBits.tsx';
import { sshKeyNames } from './checkoutRules.ts';

/** One cart line as the review step shows it: plan, price and each choice, with the error it carries. */
export function ReviewItem({
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
  const keys = sshKeyNames(item, savedKeyNames);

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
