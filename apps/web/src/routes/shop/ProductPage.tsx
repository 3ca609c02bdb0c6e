import { ChevronRight, Columns3, Monitor, ShoppingCart } from 'lucide-react';
import { useId, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useProduct, useRegions } from '../../api/catalog.ts';
import type { OsImage, PeriodMonths, ProductDetail } from '../../api/models.ts';
import { CurrencyNote } from '../../components/catalog/CurrencyNote.tsx';
import { PeriodSelector, isPeriod } from '../../components/catalog/PeriodSelector.tsx';
import { PlanSpecs } from '../../components/catalog/PlanSpecs.tsx';
import { PriceBreakdown } from '../../components/catalog/PriceBreakdown.tsx';
import { comparePath, previewPrice } from '../../components/catalog/pricing.ts';
import { Badge } from '../../components/ui/Badge.tsx';
import { Button, buttonVariants } from '../../components/ui/Button.tsx';
import { Card } from '../../components/ui/Card.tsx';
import { ErrorState } from '../../components/ui/ErrorState.tsx';
import { Skeleton } from '../../components/ui/Skeleton.tsx';
import { addCartItem } from '../../lib/cart.ts';
import { cn } from '../../lib/cn.ts';
import { useFormat } from '../../lib/format.ts';
import { useRegionText } from '../../lib/regions.ts';
import { controlClass, useDiskDescription } from './shopBits.tsx';

/** `/plans/:id`: a plan's specs, prices per period, regions and images, and "Agregar al carrito". */
export function ProductPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const product = useProduct(id);

  return (
    <div className="mx-auto max-w-6xl px-4 py-8 sm:px-6 sm:py-12">
      <nav aria-label={t('product.breadcrumbLabel')} className="mb-4 text-sm text-muted-foreground">
        <ol className="flex flex-wrap items-center gap-1">
          <li>
            <Link to="/pricing" className="rounded hover:text-foreground hover:underline">
              {t('pricing.title')}
            </Link>
          </li>
          <li aria-hidden="true">
            <ChevronRight className="size-4" />
          </li>
          <li aria-current="page" className="font-medium text-foreground">
            {product.data?.name ?? '…'}
          </li>
        </ol>
      </nav>
      {product.isPending ? (
        <ProductSkeleton />
      ) : product.error ? (
        <ErrorState error={product.error} onRetry={() => void product.refetch()} />
      ) : (
        <ProductView product={product.data} />
      )}
    </div>
  );
}

function ProductView({ product }: { product: ProductDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const regionText = useRegionText();
  const describe = useDiskDescription();
  const [params, setParams] = useSearchParams();
  const periodParam = Number(params.get('period'));
  const period: PeriodMonths = isPeriod(periodParam) ? periodParam : 1;
  const setPeriod = (value: PeriodMonths) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value === 1) next.delete('period');
        else next.set('period', String(value));
        return next;
      },
      { replace: true, preventScrollReset: true, flushSync: true },
    );
  const discounts = Object.fromEntries(product.prices.map((p) => [p.periodMonths, p.discountPercent]));
  const money = (minor: number) => format.money(minor, product.currency);

  return (
    <>
      <title>{t('product.documentTitle', { name: product.name })}</title>
      <div className="flex flex-col gap-2">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">{product.name}</h1>
          <Badge tone="brand">{product.diskType}</Badge>
        </div>
        <p className="max-w-2xl text-muted-foreground">{describe(product.diskType)}</p>
      </div>

      {/* On phones the configurator follows the specs; on wide screens it sits beside every card. */}
      <div className="mt-8 grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem] lg:items-start">
        <Card className="p-5 lg:col-start-1">
          <h2 className="mb-3 text-lg font-semibold">{t('product.specsTitle')}</h2>
          <PlanSpecs product={product} className="sm:flex-row sm:flex-wrap sm:gap-x-8" />
        </Card>

        <Configurator
          product={product}
          period={period}
          onPeriod={setPeriod}
          discounts={discounts}
          className="lg:sticky lg:top-20 lg:col-start-2 lg:row-span-4 lg:row-start-1 lg:self-start"
        />
        <Card className="min-w-0 p-5 lg:col-start-1">
          <h2 className="mb-3 text-lg font-semibold">{t('product.pricesTitle')}</h2>
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="period-prices">
              <thead className="border-b border-border text-left text-xs text-muted-foreground uppercase">
                <tr>
                  <th scope="col" className="py-2 pr-3 font-medium">
                    {t('product.colPeriod')}
                  </th>
                  <th scope="col" className="py-2 pr-3 text-right font-medium">
                    {t('product.colMonthly')}
                  </th>
                  <th scope="col" className="py-2 pr-3 text-right font-medium">
                    {t('product.colTotal')}
                  </th>
                  <th scope="col" className="hidden py-2 text-right font-medium sm:table-cell">
                    {t('product.colSetup')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {product.prices.map((price) => (
                  <tr
                    key={price.periodMonths}
                    className={cn(
                      'border-b border-border last:border-0',
                      price.periodMonths === period && 'bg-accent/60',
                    )}
                  >
                    <th scope="row" className="py-2.5 pr-3 text-left font-medium whitespace-nowrap">
                      {t('period.months', { count: price.periodMonths })}
                      {price.discountPercent > 0 && (
                        <span className="block text-xs font-medium text-green-700 dark:text-green-400">
                          {t('price.youSave', { percent: price.discountPercent })}
                        </span>
                      )}
                    </th>
                    <td className="py-2.5 pr-3 text-right font-semibold whitespace-nowrap">
                      {money(price.monthlyMinor)}
                    </td>
                    <td className="py-2.5 pr-3 text-right whitespace-nowrap">{money(price.totalMinor)}</td>
                    <td className="hidden py-2.5 text-right whitespace-nowrap text-muted-foreground sm:table-cell">
                      {price.setupFeeMinor > 0 ? money(price.setupFeeMinor) : t('price.free')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {/* Phones: the setup column does not fit, so it is stated once under the table. */}
          <p className="mt-2 text-sm text-muted-foreground sm:hidden">
            {t('product.colSetup')}:{' '}
            {[...new Set(product.prices.map((p) => p.setupFeeMinor))]
              .map((fee) => (fee > 0 ? money(fee) : t('price.free')))
              .join(' / ')}
          </p>
        </Card>

        <Card className="min-w-0 p-5 lg:col-start-1">
          <h2 className="mb-3 text-lg font-semibold">{t('product.regionsTitle')}</h2>
          <ul className="grid gap-2 sm:grid-cols-2">
            {product.regions.map((region) => (
              <li
                key={region.code}
                className="flex items-baseline justify-between gap-3 rounded-lg border border-border px-3 py-2 text-sm"
              >
                <span className="min-w-0">
                  <span className="font-medium">{regionText.name(region.code, region.name)}</span>
                </span>
                <span className="shrink-0 text-muted-foreground">
                  {region.surchargeMinor > 0
                    ? t('product.surcharge', { amount: money(region.surchargeMinor) })
                    : t('product.noSurcharge')}
                </span>
              </li>
            ))}
          </ul>
        </Card>

        <Card className="min-w-0 p-5 lg:col-start-1">
          <h2 className="mb-3 text-lg font-semibold">{t('product.imagesTitle')}</h2>
          <ul className="grid gap-2 sm:grid-cols-2">
            {product.images.map((image) => (
              <li
                key={image.id}
                className="flex items-center gap-2 rounded-lg border border-border px-3 py-2 text-sm"
              >
                <Monitor aria-hidden="true" className="size-4 shrink-0 text-muted-foreground" />
                <span className="font-medium">{image.name}</span>
                <Badge className="ml-auto">{image.osType}</Badge>
              </li>
            ))}
          </ul>
        </Card>
      </div>
      <CurrencyNote />
    </>
  );
}

function defaultImage(images: OsImage[]): string {
  return (images.find((i) => /ubuntu/i.test(i.name) && i.osType === 'Linux') ?? images[0])?.id ?? '';
}

function Configurator({
  product,
  period,
  onPeriod,
  discounts,
  className,
}: {
  product: ProductDetail;
  period: PeriodMonths;
  onPeriod: (period: PeriodMonths) => void;
  discounts: Partial<Record<PeriodMonths, number>>;
  className?: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const regionText = useRegionText();
  const regions = useRegions();
  const navigate = useNavigate();
  const regionId = useId();
  const imageId = useId();
  const [region, setRegion] = useState(product.regions[0]?.code ?? '');
  const [image, setImage] = useState(() => defaultImage(product.images));
  const [full, setFull] = useState(false);
  const preview = previewPrice(
    product,
    period,
    region,
    product.images.find((i) => i.id === image),
  );
  const location = (code: string) => regions.data?.items.find((r) => r.code === code)?.location;

  return (
    <Card className={cn('flex flex-col gap-5 p-5', className)} aria-labelledby="configure-title">
      <h2 id="configure-title" className="text-lg font-semibold">
        {t('product.configureTitle')}
      </h2>
      <PeriodSelector value={period} onChange={onPeriod} discounts={discounts} />
      <div className="flex flex-col gap-1.5">
        <label htmlFor={regionId} className="text-sm font-medium">
          {t('product.region')}
        </label>
        <select
          id={regionId}
          value={region}
          onChange={(event) => setRegion(event.target.value)}
          className={cn(controlClass, 'h-11')}
        >
          {product.regions.map((r) => {
            const where = location(r.code);
            const name = regionText.name(r.code, r.name);
            const place = where ? regionText.location(r.code, where) : null;
            return (
              <option key={r.code} value={r.code}>
                {place && place !== name ? `${name} · ${place}` : name}
                {r.surchargeMinor > 0
                  ? ` (${t('product.surcharge', { amount: format.money(r.surchargeMinor, product.currency) })})`
                  : ''}
              </option>
            );
          })}
        </select>
      </div>
      <div className="flex flex-col gap-1.5">
        <label htmlFor={imageId} className="text-sm font-medium">
          {t('product.image')}
        </label>
        <select
          id={imageId}
          value={image}
          onChange={(event) => setImage(event.target.value)}
          className={cn(controlClass, 'h-11')}
        >
          {product.images.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name}
              {i.licenseFeeMinor > 0
                ? ` (${t('product.surcharge', { amount: format.money(i.licenseFeeMinor, product.currency) })})`
                : ''}
            </option>
          ))}
        </select>
      </div>

      {preview ? (
        <div className="rounded-lg bg-muted/60 p-4">
          <PriceBreakdown amounts={preview} estimated />
        </div>
      ) : (
        <p className="text-sm text-muted-foreground">{t('price.unavailable', { count: period })}</p>
      )}
      <p className="text-xs text-muted-foreground">{t('breakdown.previewNote')}</p>

      {full && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {t('product.cartFull')}
        </p>
      )}
      <Button
        size="lg"
        disabled={!preview || !region || !image}
        onClick={() => {
          const added = addCartItem({ productId: product.id, periodMonths: period, region, imageId: image });
          if (!added) {
            setFull(true);
            return;
          }
          void navigate('/cart', { state: { added: product.name } });
        }}
      >
        <ShoppingCart aria-hidden="true" />
        {t('product.add')}
      </Button>
      <Link
        to={comparePath([product.id], period)}
        className={buttonVariants({ variant: 'ghost', size: 'sm', className: 'self-center' })}
      >
        <Columns3 aria-hidden="true" />
        {t('product.compareLink')}
      </Link>
    </Card>
  );
}

function ProductSkeleton() {
  return (
    <div aria-busy="true" className="flex flex-col gap-6">
      <Skeleton className="h-10 w-64" />
      <Skeleton className="h-5 w-96 max-w-full" />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="flex flex-col gap-6">
          <Skeleton className="h-32 w-full rounded-xl" />
          <Skeleton className="h-48 w-full rounded-xl" />
          <Skeleton className="h-40 w-full rounded-xl" />
        </div>
        <Skeleton className="h-[30rem] w-full rounded-xl" />
      </div>
    </div>
  );
}
