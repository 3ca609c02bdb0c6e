import { zodResolver } from '@hookform/resolvers/zod';
import { AlertTriangle, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useAdminProduct, useAdminProducts, useSaveProduct } from '../../api/adminCatalog.ts';
import { useRegions } from '../../api/catalog.ts';
import { type AdminProduct, type Region } from '../../api/models.ts';
import { FormError, SubmitButton } from '../../components/form/FormBits.tsx';
import { submitToMutation } from '../../components/form/validation.ts';
import { DetailPage } from '../../components/layout/DetailPage.tsx';
import { DetailHeader } from '../../components/layout/PageHeader.tsx';
import { Button, buttonVariants } from '../../components/ui/Button.tsx';
import { toast } from '../../components/ui/Toast.tsx';
import { DeleteProductDialog, PlanStateBadge } from './productBits.tsx';
import {
  monthlyPreview,
  periodPreview,
  previewCurrency,
  productSchema,
  toInput,
  toValues,
  type PeriodPreview,
  type ProductValues,
} from './productForm.ts';
import { MonthFields } from './product/MonthFields.tsx';
import { PeriodsFields } from './product/PeriodsFields.tsx';
import { PlanFields, SpecsFields } from './product/PlanFields.tsx';
import { RegionsFields } from './product/RegionsFields.tsx';

type Loaded = { product: AdminProduct | null; regions: Region[]; others: AdminProduct[] };

/** `/admin/products/new` and `/admin/products/:id`: a plan's data, prices per period and regions. */
export function ProductEditPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const isNew = id === undefined;
  const product = useAdminProduct(isNew ? null : id);
  const products = useAdminProducts();
  const regions = useRegions();
  const source = isNew ? products : product;
  const query = {
    data:
      regions.data && source.data
        ? {
            product: isNew ? null : (product.data ?? null),
            regions: regions.data.items,
            others: products.data?.items ?? [],
          }
        : undefined,
    error: source.error ?? regions.error,
    isPending: source.isPending || regions.isPending,
    refetch: () => Promise.all([source.refetch(), regions.refetch()]),
  };
  return (
    <DetailPage<Loaded>
      backTo="/admin/products"
      backLabel={t('admin.products.back')}
      query={query}
      skeletons={['h-12 w-2/3', 'h-64 w-full rounded-xl', 'h-48 w-full rounded-xl', 'h-64 w-full rounded-xl']}
    >
      {(data) => <ProductForm key={data.product?.id ?? 'new'} {...data} />}
    </DetailPage>
  );
}

/** The plan's form: created or edited in one request, with live margins and a below-cost warning. */
function ProductForm({ product, regions, others }: Loaded) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const mutation = useSaveProduct();
  const [deleting, setDeleting] = useState(false);
  const form = useForm<ProductValues>({
    resolver: zodResolver(productSchema),
    defaultValues: toValues(
      product,
      regions,
      others.filter((other) => other.id !== product?.id),
    ),
  });
  const values = form.watch();
  const currency = previewCurrency(values.currency, product?.currency ?? 'USD');
  const month = monthlyPreview(values, currency);
  const periods = values.prices.map((row) => periodPreview(row, values, currency));
  const losing = [
    ...(month && month.margin.amountMinor < 0 ? [t('admin.products.form.perMonth')] : []),
    ...periods
      .filter(
        (p, i): p is PeriodPreview => p !== null && p.margin.amountMinor < 0 && values.prices[i]!.isActive,
      )
      .map((p) => t('period.months', { count: p.months })),
  ];

  return (
    <>
      <title>
        {product
          ? t('admin.products.form.documentTitleEdit', { name: product.name })
          : t('admin.products.form.documentTitleNew')}
      </title>
      <DetailHeader
        title={product ? t('admin.products.form.titleEdit', { name: product.name }) : t('admin.products.new')}
        subtitle={
          product
            ? t('admin.products.form.subtitleEdit', {
                id: product.contaboProductId,
                count: product.orderCount,
              })
            : t('admin.products.form.subtitleNew')
        }
        aside={product && <PlanStateBadge active={product.isActive} />}
      />

      <form
        noValidate
        data-testid="product-form"
        className="flex flex-col gap-6"
        onSubmit={submitToMutation(form, mutation, {
          input: (submitted) => ({ productId: product?.id ?? null, body: toInput(submitted) }),
          onSuccess: (saved) => {
            toast.success(
              product
                ? t('admin.products.form.saved', { name: saved.name })
                : t('admin.products.form.created', { name: saved.name }),
            );
            void navigate('/admin/products');
          },
          fields: [
            'name',
            'contaboProductId',
            'description',
            'currency',
            'diskType',
            'cpuCores',
            'diskGb',
            'snapshotQuota',
            'sortOrder',
            'prices',
            'regions',
          ],
          codeFields: { conflict: { field: 'contaboProductId', message: 'validation.contaboTaken' } },
        })}
      >
        <PlanFields form={form} />
        <SpecsFields form={form} />
        <MonthFields form={form} month={month} currency={currency} />
        <PeriodsFields form={form} values={values} periods={periods} currency={currency} />
        <RegionsFields form={form} values={values} currency={currency} />

        {losing.length > 0 && (
          <p
            data-testid="below-cost-warning"
            className="flex items-start gap-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950/60 dark:text-amber-100"
          >
            <AlertTriangle aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
            {t('admin.products.form.belowCostWarning', { list: losing.join(', ') })}
          </p>
        )}
        <FormError error={mutation.error} />
        <div className="flex flex-col-reverse gap-3 sm:flex-row sm:items-center">
          {product && (
            <Button variant="outline" className="sm:mr-auto" onClick={() => setDeleting(true)}>
              <Trash2 aria-hidden="true" />
              {t('admin.products.form.delete')}
            </Button>
          )}
          <Link
            to="/admin/products"
            className={buttonVariants({ variant: 'ghost', className: 'sm:ml-auto' })}
          >
            {t('actions.cancel')}
          </Link>
          <SubmitButton
            pending={mutation.isPending}
            pendingLabel={t('form.saving')}
            data-testid="product-save"
          >
            {product ? t('admin.products.form.save') : t('admin.products.form.create')}
          </SubmitButton>
        </div>
      </form>

      {product && deleting && (
        <DeleteProductDialog
          product={product}
          onClose={() => setDeleting(false)}
          onDone={(result) => {
            if (result.deactivated)
              toast.info(t('admin.products.deactivatedInstead', { name: product.name }));
            else toast.success(t('admin.products.deleted', { name: product.name }));
            void navigate('/admin/products');
          }}
        />
      )}
    </>
  );
}
