import { zodResolver } from '@hookform/resolvers/zod';
import { AlertTriangle, Plus, Trash2, X } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { useFieldArray, useForm, type FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useAdminProduct, useAdminProducts, useSaveProduct } from '../../api/adminCatalog.ts';
import { useRegions } from '../../api/catalog.ts';
import { ADMIN_DISK_TYPES, type AdminProduct, type Region } from '../../api/models.ts';
import {
  CheckboxField,
  FieldError as FieldErrorText,
  SelectField,
  TextareaField,
  TextField,
} from '../../components/form/fields.tsx';
import { FormError, SubmitButton } from '../../components/form/FormBits.tsx';
import { applyApiError } from '../../components/form/validation.ts';
import { DetailPage } from '../../components/layout/DetailPage.tsx';
import { DetailHeader } from '../../components/layout/PageHeader.tsx';
import { Button, buttonVariants } from '../../components/ui/Button.tsx';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/Card.tsx';
import { toast } from '../../components/ui/Toast.tsx';
import { cn } from '../../lib/cn.ts';
import { amountInput, useFormat } from '../../lib/format.ts';
import { useRegionText } from '../../lib/regions.ts';
import { DeleteProductDialog, MarginText, PlanStateBadge } from './productBits.tsx';
import {
  monthlyPreview,
  periodPreview,
  previewCurrency,
  productSchema,
  toInput,
  toMinor,
  toValues,
  type PeriodPreview,
  type ProductValues,
} from './productForm.ts';

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

/** Errors of a list of rows (zod's refine on the array, or the API's `body.prices`). */
function arrayError(error: { message?: string; root?: FieldError } | undefined): string | undefined {
  return error?.root?.message ?? error?.message;
}

function Section({ title, text, children }: { title: string; text?: ReactNode; children: ReactNode }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
        {text && <p className="text-sm text-muted-foreground">{text}</p>}
      </CardHeader>
      <CardContent className="flex flex-col gap-4">{children}</CardContent>
    </Card>
  );
}

function ProductForm({ product, regions, others }: Loaded) {
  const { t } = useTranslation();
  const regionText = useRegionText();
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
  const prices = useFieldArray({ control: form.control, name: 'prices' });
  const regionRows = useFieldArray({ control: form.control, name: 'regions' });
  const { errors } = form.formState;
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
  const monthlyCost = toMinor(values.cost, currency);

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
        onSubmit={form.handleSubmit((submitted) => {
          if (mutation.isPending) return;
          mutation.mutate(
            { productId: product?.id ?? null, body: toInput(submitted) },
            {
              onSuccess: (saved) => {
                toast.success(
                  product
                    ? t('admin.products.form.saved', { name: saved.name })
                    : t('admin.products.form.created', { name: saved.name }),
                );
                void navigate('/admin/products');
              },
              onError: (error) => {
                if (
                  applyApiError(
                    error,
                    form.setError,
                    [
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
                    { conflict: { field: 'contaboProductId', message: 'validation.contaboTaken' } },
                  )
                )
                  mutation.reset();
              },
            },
          );
        })}
      >
        <Section title={t('admin.products.form.planTitle')}>
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              label={t('admin.products.form.name')}
              autoComplete="off"
              error={errors.name?.message}
              {...form.register('name')}
            />
            <TextField
              label={t('admin.products.form.contaboProductId')}
              hint={t('admin.products.form.contaboProductIdHint')}
              autoComplete="off"
              error={errors.contaboProductId?.message}
              {...form.register('contaboProductId')}
            />
          </div>
          <TextareaField
            label={t('admin.products.form.description')}
            hint={t('admin.products.form.descriptionHint')}
            optional
            rows={3}
            className="[&_textarea]:min-h-20 [&_textarea]:font-sans [&_textarea]:break-normal"
            error={errors.description?.message}
            {...form.register('description')}
          />
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              label={t('admin.products.form.sortOrder')}
              hint={t('admin.products.form.sortOrderHint')}
              inputMode="numeric"
              autoComplete="off"
              error={errors.sortOrder?.message}
              {...form.register('sortOrder')}
            />
            <CheckboxField
              className="sm:mt-7"
              label={t('admin.products.form.isActive')}
              hint={t('admin.products.form.isActiveHint')}
              {...form.register('isActive')}
            />
          </div>
        </Section>

        <Section title={t('admin.products.form.specsTitle')}>
          <div className="grid grid-cols-2 gap-4 lg:grid-cols-5">
            <TextField
              label={t('admin.products.form.cpuCores')}
              inputMode="numeric"
              autoComplete="off"
              error={errors.cpuCores?.message}
              {...form.register('cpuCores')}
            />
            <TextField
              label={t('admin.products.form.ramGb')}
              inputMode="decimal"
              autoComplete="off"
              error={errors.ramGb?.message}
              {...form.register('ramGb')}
            />
            <TextField
              label={t('admin.products.form.diskGb')}
              inputMode="numeric"
              autoComplete="off"
              error={errors.diskGb?.message}
              {...form.register('diskGb')}
            />
            <SelectField
              label={t('admin.products.form.diskType')}
              error={errors.diskType?.message}
              {...form.register('diskType')}
            >
              {ADMIN_DISK_TYPES.map((type) => (
                <option key={type} value={type}>
                  {type}
                </option>
              ))}
            </SelectField>
            <TextField
              label={t('admin.products.form.snapshotQuota')}
              hint={t('admin.products.form.snapshotQuotaHint')}
              inputMode="numeric"
              autoComplete="off"
              error={errors.snapshotQuota?.message}
              {...form.register('snapshotQuota')}
            />
          </div>
        </Section>

        <Section title={t('admin.products.form.monthTitle')} text={t('admin.products.form.monthText')}>
          <div className="grid gap-4 sm:grid-cols-[8rem_minmax(0,1fr)_minmax(0,1fr)]">
            <TextField
              label={t('admin.products.form.currency')}
              autoComplete="off"
              maxLength={3}
              className="max-w-32 sm:max-w-none [&_input]:uppercase"
              error={errors.currency?.message}
              {...form.register('currency')}
            />
            <TextField
              label={t('admin.products.form.cost')}
              hint={t('admin.products.form.costHint')}
              inputMode="decimal"
              autoComplete="off"
              error={errors.cost?.message}
              {...form.register('cost')}
            />
            <TextField
              label={t('admin.products.form.sellingPrice')}
              hint={t('admin.products.form.sellingPriceHint')}
              inputMode="decimal"
              autoComplete="off"
              error={errors.sellingPrice?.message}
              {...form.register('sellingPrice')}
            />
          </div>
          <p
            role="status"
            data-testid="month-margin"
            className="flex flex-wrap items-baseline gap-x-2 rounded-lg bg-muted/50 px-3 py-2.5 text-sm"
          >
            <span className="font-medium">{t('admin.products.form.monthMargin')}</span>
            {month ? (
              <MarginText
                amountMinor={month.margin.amountMinor}
                percent={month.margin.percent}
                currency={currency}
              />
            ) : (
              <span className="text-muted-foreground">{t('admin.products.form.fillPrices')}</span>
            )}
          </p>
        </Section>

        <Section title={t('admin.products.form.periodsTitle')} text={t('admin.products.form.periodsText')}>
          <ul className="flex flex-col gap-3">
            {prices.fields.map((field, index) => {
              const row = values.prices[index];
              const preview = periods[index] ?? null;
              const rowErrors = errors.prices?.[index];
              const months = Number(row?.periodMonths);
              const autoCost =
                monthlyCost !== null && Number.isInteger(months) && months > 0
                  ? amountInput(monthlyCost * months, currency)
                  : undefined;
              return (
                <li key={field.id} data-testid="period-row" data-period={row?.periodMonths}>
                  <fieldset className="flex flex-col gap-3 rounded-lg border border-border p-3">
                    <legend className="sr-only">
                      {t('admin.products.form.periodLegend', { number: index + 1 })}
                    </legend>
                    <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-[repeat(5,minmax(0,1fr))_auto]">
                      <TextField
                        label={t('admin.products.form.periodMonths')}
                        inputMode="numeric"
                        autoComplete="off"
                        error={rowErrors?.periodMonths?.message}
                        {...form.register(`prices.${index}.periodMonths`)}
                      />
                      <TextField
                        label={t('admin.products.form.discountPercent')}
                        inputMode="decimal"
                        autoComplete="off"
                        error={rowErrors?.discountPercent?.message}
                        {...form.register(`prices.${index}.discountPercent`)}
                      />
                      <TextField
                        label={t('admin.products.form.finalPrice')}
                        inputMode="decimal"
                        autoComplete="off"
                        error={rowErrors?.finalPrice?.message}
                        {...form.register(`prices.${index}.finalPrice`)}
                      />
                      <TextField
                        label={t('admin.products.form.periodCost')}
                        inputMode="decimal"
                        autoComplete="off"
                        placeholder={autoCost}
                        error={rowErrors?.cost?.message}
                        {...form.register(`prices.${index}.cost`)}
                      />
                      <TextField
                        label={t('admin.products.form.setupFee')}
                        inputMode="decimal"
                        autoComplete="off"
                        placeholder={amountInput(0, currency)}
                        error={rowErrors?.setupFee?.message}
                        {...form.register(`prices.${index}.setupFee`)}
                      />
                      <div className="flex h-11 items-center justify-between gap-2 self-end">
                        <CheckboxField
                          className="whitespace-nowrap"
                          label={t('admin.products.form.periodActive')}
                          {...form.register(`prices.${index}.isActive`)}
                        />
                        <Button
                          variant="ghost"
                          size="icon"
                          disabled={prices.fields.length === 1}
                          aria-label={t('admin.products.form.removePeriod', {
                            count: Number.isInteger(months) ? months : 0,
                          })}
                          onClick={() => prices.remove(index)}
                        >
                          <X aria-hidden="true" />
                        </Button>
                      </div>
                    </div>
                    <PeriodSummary preview={preview} currency={currency} />
                  </fieldset>
                </li>
              );
            })}
          </ul>
          <FieldErrorText message={arrayError(errors.prices)} />
          <Button
            variant="outline"
            size="sm"
            className="self-start"
            onClick={() =>
              prices.append({
                periodMonths: '',
                discountPercent: '0',
                finalPrice: '',
                cost: '',
                setupFee: '',
                isActive: true,
              })
            }
          >
            <Plus aria-hidden="true" />
            {t('admin.products.form.addPeriod')}
          </Button>
        </Section>

        <Section title={t('admin.products.form.regionsTitle')} text={t('admin.products.form.regionsText')}>
          <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3" data-testid="product-regions">
            {regionRows.fields.map((field, index) => {
              const row = values.regions[index];
              const name = regionText.name(field.code, field.name);
              return (
                <li
                  key={field.id}
                  data-region={field.code}
                  className={cn(
                    'flex flex-col gap-2 rounded-lg border border-border p-3',
                    !row?.enabled && 'bg-muted/40 text-muted-foreground',
                  )}
                >
                  <CheckboxField
                    label={name}
                    hint={field.code}
                    {...form.register(`regions.${index}.enabled`)}
                  />
                  <TextField
                    label={t('admin.products.form.surcharge')}
                    aria-label={t('admin.products.form.surchargeLabel', { region: name })}
                    inputMode="decimal"
                    autoComplete="off"
                    placeholder={amountInput(0, currency)}
                    error={errors.regions?.[index]?.surcharge?.message}
                    {...form.register(`regions.${index}.surcharge`)}
                  />
                </li>
              );
            })}
          </ul>
          <FieldErrorText message={arrayError(errors.regions)} />
        </Section>

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

/** Under a period: what the customer pays, Contabo's cost and the margin, as the inputs change. */
function PeriodSummary({ preview, currency }: { preview: PeriodPreview | null; currency: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = (minor: number) => format.money(minor, currency);
  if (!preview) return <p className="text-sm text-muted-foreground">{t('admin.products.form.fillPeriod')}</p>;
  const item = (label: string, value: ReactNode, testId?: string) => (
    <div className="flex flex-wrap gap-x-1.5">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
  return (
    <dl className="flex flex-wrap gap-x-5 gap-y-1 text-sm" data-testid="period-preview">
      {item(
        t('admin.products.form.total'),
        <>
          <span className="font-semibold" data-testid="period-total">
            {money(preview.totalMinor)}
          </span>
          <span className="text-muted-foreground">
            {' '}
            {t('admin.products.form.perMonthValue', { amount: money(preview.monthlyMinor) })}
            {preview.discountPercent > 0 &&
              ` · ${t('admin.products.discount', { percent: format.number(preview.discountPercent) })}`}
          </span>
        </>,
      )}
      {preview.setupFeeMinor > 0 && item(t('admin.products.form.setupShort'), money(preview.setupFeeMinor))}
      {item(t('admin.products.form.periodCostShort'), money(preview.costMinor))}
      {item(
        t('admin.products.form.margin'),
        <MarginText
          amountMinor={preview.margin.amountMinor}
          percent={preview.margin.percent}
          currency={currency}
        />,
        'period-margin',
      )}
    </dl>
  );
}
