import { Eye, EyeOff, Info, Package, Pencil, Plus, Trash2 } from 'lucide-react';
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAdminProducts, useSaveProduct } from '../../api/adminCatalog.ts';
import type { AdminProduct } from '../../api/models.ts';
import { PageHeader } from '../../components/layout/PageHeader.tsx';
import { FilterBar } from '../../components/list/filters.tsx';
import { ListState } from '../../components/list/ListState.tsx';
import { Button, buttonVariants } from '../../components/ui/Button.tsx';
import { Card } from '../../components/ui/Card.tsx';
import { EmptyState } from '../../components/ui/EmptyState.tsx';
import { toast } from '../../components/ui/Toast.tsx';
import { cn } from '../../lib/cn.ts';
import { useFormat } from '../../lib/format.ts';
import { useRegionText } from '../../lib/regions.ts';
import { ImagesSection } from './ImagesSection.tsx';
import { DeleteProductDialog, MarginText, PlanStateBadge } from './productBits.tsx';
import { productInput } from './productForm.ts';

type Notice = { name: string; deactivated: boolean };

/**
 * `/admin/products`: every plan, on sale or not, with Contabo's cost, the selling price and the margin per month and
 * per period, and its regions with their surcharges; then the OS images offered at checkout.
 */
export function AdminProductsPage() {
  const { t } = useTranslation();
  const products = useAdminProducts();
  const [deleting, setDeleting] = useState<AdminProduct | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const data = products.data;
  const active = data?.items.filter((product) => product.isActive).length;

  return (
    <div className="flex flex-col gap-6">
      <title>{t('admin.products.documentTitle')}</title>
      <PageHeader
        title={t('admin.products.title')}
        subtitle={t('admin.products.subtitle')}
        aside={
          <Link to="/admin/products/new" className={buttonVariants()}>
            <Plus aria-hidden="true" />
            {t('admin.products.new')}
          </Link>
        }
      />

      <section aria-labelledby="plans-title" className="flex flex-col gap-3">
        <FilterBar
          spread
          count={data ? t('admin.products.count', { count: data.total, active: active ?? 0 }) : null}
        >
          <h2 id="plans-title" className="text-lg font-semibold">
            {t('admin.products.plansTitle')}
          </h2>
        </FilterBar>
        <div role="status" aria-live="polite" className="empty:hidden">
          {notice && (
            <p
              data-testid="product-delete-result"
              className="flex items-start gap-2 rounded-lg border border-border bg-muted/50 p-3 text-sm"
            >
              <Info aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
              {notice.deactivated
                ? t('admin.products.deactivatedInstead', { name: notice.name })
                : t('admin.products.deleted', { name: notice.name })}
            </p>
          )}
        </div>
        <ListState
          query={products}
          skeleton={{ rows: 4, height: 'h-24' }}
          empty={
            <EmptyState
              icon={Package}
              title={t('admin.products.emptyTitle')}
              description={t('admin.products.emptyText')}
              action={
                <Link to="/admin/products/new" className={buttonVariants({ variant: 'outline' })}>
                  {t('admin.products.new')}
                </Link>
              }
            />
          }
        >
          {(items) => (
            <ul className="flex flex-col gap-4">
              {items.map((product) => (
                <PlanItem key={product.id} product={product} onDelete={setDeleting} />
              ))}
            </ul>
          )}
        </ListState>
      </section>

      <ImagesSection />

      {deleting && (
        <DeleteProductDialog
          product={deleting}
          onClose={() => setDeleting(null)}
          onDone={(result) => {
            setNotice({ name: deleting.name, deactivated: result.deactivated });
            setDeleting(null);
            if (result.deactivated)
              toast.info(t('admin.products.deactivatedInstead', { name: deleting.name }));
            else toast.success(t('admin.products.deleted', { name: deleting.name }));
          }}
        />
      )}
    </div>
  );
}

/**
 * One plan: what it is and its actions on top; under them the month (cost, price, margin), the price and margin of
 * each period, and its regions grouped by surcharge. Cards at every width: each plan holds two small lists.
 */
function PlanItem({ product, onDelete }: { product: AdminProduct; onDelete: (p: AdminProduct) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const titleId = `plan-${product.id}`;
  return (
    <li data-testid="admin-product" data-name={product.name} data-active={product.isActive}>
      <Card aria-labelledby={titleId} className={cn(!product.isActive && 'bg-muted/30')}>
        <div className="flex flex-wrap items-start justify-between gap-3 p-5 pb-4">
          <div className="flex min-w-0 flex-col gap-1">
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <h3 id={titleId} className="text-lg leading-tight font-semibold">
                <Link
                  to={`/admin/products/${product.id}`}
                  className="rounded break-words hover:text-primary hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
                >
                  {product.name}
                </Link>
              </h3>
              <PlanStateBadge active={product.isActive} />
            </div>
            <p className="text-sm text-muted-foreground">
              {t('admin.products.specs', {
                id: product.contaboProductId,
                cpu: product.cpuCores,
                ram: format.gb(product.ramMb),
                disk: format.number(product.diskGb),
                type: product.diskType,
              })}{' '}
              · {t('admin.products.orders', { count: product.orderCount })}
            </p>
          </div>
          <RowActions product={product} onDelete={onDelete} />
        </div>
        <div className="grid gap-5 border-t border-border p-5 sm:grid-cols-2 lg:grid-cols-[minmax(0,14rem)_minmax(0,1fr)_minmax(0,1fr)] lg:gap-8">
          <Block title={t('admin.products.monthTitle')}>
            <Month product={product} />
          </Block>
          <Block title={t('admin.products.periodsTitle')}>
            <Periods product={product} />
          </Block>
          <Block title={t('admin.products.regionsTitle')} className="sm:col-span-2 lg:col-span-1">
            <Regions product={product} />
          </Block>
        </div>
      </Card>
    </li>
  );
}

function Block({ title, className, children }: { title: string; className?: string; children: ReactNode }) {
  return (
    <div className={cn('flex min-w-0 flex-col gap-2', className)}>
      <h4 className="text-xs font-medium tracking-wide text-muted-foreground uppercase">{title}</h4>
      {children}
    </div>
  );
}

/** A label and its value on one line, the value to the right. */
function Line({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <div className="flex flex-wrap items-baseline justify-between gap-x-3">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="text-right tabular-nums">{children}</dd>
    </div>
  );
}

function Month({ product }: { product: AdminProduct }) {
  const { t } = useTranslation();
  const format = useFormat();
  const margin = product.sellingPriceMinor - product.costMinor;
  const percent =
    product.sellingPriceMinor > 0 ? Math.round((margin / product.sellingPriceMinor) * 10_000) / 100 : 0;
  return (
    <dl className="flex flex-col gap-1 text-sm" data-testid="product-month">
      <Line label={t('admin.products.cost')}>{format.money(product.costMinor, product.currency)}</Line>
      <Line label={t('admin.products.price')}>
        <span className="font-semibold">{format.money(product.sellingPriceMinor, product.currency)}</span>
      </Line>
      <Line label={t('admin.products.margin')}>
        <MarginText amountMinor={margin} percent={percent} currency={product.currency} />
      </Line>
    </dl>
  );
}

/** Each period: its total and discount, and the margin of the period (price plus setup fee, less the cost). */
function Periods({ product }: { product: AdminProduct }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <dl className="flex flex-col gap-1 text-sm" data-testid="product-periods">
      {product.prices.map((price) => (
        <Line
          key={price.periodMonths}
          label={
            <span className={cn(!price.isActive && 'line-through')}>
              {t('period.months', { count: price.periodMonths })}
              {!price.isActive && <span className="sr-only"> {t('admin.products.periodOff')}</span>}
            </span>
          }
        >
          <span className="font-medium text-foreground">
            {format.money(price.totalMinor, product.currency)}
          </span>
          {price.discountPercent > 0 && (
            <span className="ml-1.5 text-xs text-green-700 dark:text-green-400">
              {price.finalPriceMinor === null
                ? t('admin.products.discount', { percent: format.number(price.discountPercent) })
                : t('admin.products.fixedDiscount', { percent: format.number(price.discountPercent) })}
            </span>
          )}
          <span className="block text-xs text-muted-foreground">
            {t('admin.products.marginShort')}{' '}
            <MarginText
              amountMinor={price.marginMinor}
              percent={price.marginPercent}
              currency={product.currency}
            />
          </span>
        </Line>
      ))}
    </dl>
  );
}

/** Regions grouped by their monthly surcharge: "Sin recargo: EU · +USD 1.50/mes: US-central, US-east…". */
function Regions({ product }: { product: AdminProduct }) {
  const { t } = useTranslation();
  const format = useFormat();
  const regionText = useRegionText();
  const groups = new Map<number, string[]>();
  for (const region of product.regions)
    groups.set(region.surchargeMinor, [...(groups.get(region.surchargeMinor) ?? []), region.code]);
  return (
    <dl className="flex flex-col gap-1.5 text-sm" data-testid="product-regions">
      {[...groups.entries()]
        .sort(([a], [b]) => a - b)
        .map(([surcharge, codes]) => (
          <div key={surcharge} className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
            <dt className="text-muted-foreground">
              {surcharge > 0
                ? t('admin.products.surcharge', { amount: format.money(surcharge, product.currency) })
                : t('admin.products.noSurcharge')}
            </dt>
            <dd className="flex flex-wrap gap-1">
              {codes.map((code) => (
                <span
                  key={code}
                  title={regionText.name(code, code)}
                  className="rounded-md border border-border bg-muted/50 px-1.5 py-0.5 text-xs font-medium"
                >
                  {code}
                </span>
              ))}
            </dd>
          </div>
        ))}
    </dl>
  );
}

function RowActions({ product, onDelete }: { product: AdminProduct; onDelete: (p: AdminProduct) => void }) {
  const { t } = useTranslation();
  const save = useSaveProduct();
  const sent = useRef(false);
  const toggle = () => {
    if (save.isPending || sent.current) return;
    sent.current = true;
    const isActive = !product.isActive;
    save.mutate(
      { productId: product.id, body: productInput(product, { isActive }) },
      {
        onSuccess: () =>
          toast.success(
            isActive
              ? t('admin.products.activated', { name: product.name })
              : t('admin.products.deactivated', { name: product.name }),
          ),
        onError: () => toast.error(t('admin.products.toggleFailed', { name: product.name })),
        onSettled: () => {
          sent.current = false;
        },
      },
    );
  };
  return (
    <span className="flex flex-wrap items-center justify-end gap-2">
      <Link
        to={`/admin/products/${product.id}`}
        aria-label={t('admin.products.editLabel', { name: product.name })}
        className={buttonVariants({ variant: 'outline', size: 'sm' })}
      >
        <Pencil aria-hidden="true" />
        {t('admin.products.edit')}
      </Link>
      <Button
        variant="outline"
        size="sm"
        disabled={save.isPending}
        aria-label={
          product.isActive
            ? t('admin.products.deactivateLabel', { name: product.name })
            : t('admin.products.activateLabel', { name: product.name })
        }
        onClick={toggle}
      >
        {product.isActive ? <EyeOff aria-hidden="true" /> : <Eye aria-hidden="true" />}
        {product.isActive ? t('admin.products.deactivate') : t('admin.products.activate')}
      </Button>
      <Button
        variant="ghost"
        size="icon"
        aria-label={t('admin.products.deleteLabel', { name: product.name })}
        title={t('admin.products.deleteLabel', { name: product.name })}
        onClick={() => onDelete(product)}
      >
        <Trash2 aria-hidden="true" />
      </Button>
    </span>
  );
}
