import { zodResolver } from '@hookform/resolvers/zod';
import { AlertTriangle, CloudCog, Hourglass, Link2, Server, ShoppingCart } from 'lucide-react';
import { useId, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { z } from 'zod';
import {
  useAdminOrder,
  useInstances,
  useProvisionOrder,
  useRecordPayment,
  useSetOrderStatus,
} from '../../api/admin.ts';
import { ApiError } from '../../api/client.ts';
import {
  ORDER_STATUSES,
  type AdminOrderDetail,
  type ContaboInstance,
  type OrderHistoryEntry,
  type OrderStatus,
  type ProvisionResponse,
} from '../../api/models.ts';
import { PasswordField, SelectField, TextField } from '../../components/form/fields.tsx';
import { FormError, FormSuccess, SubmitButton } from '../../components/form/FormBits.tsx';
import { applyApiError, optionalText, requiredText } from '../../components/form/validation.ts';
import { DetailPage } from '../../components/layout/DetailPage.tsx';
import { Button } from '../../components/ui/Button.tsx';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/Card.tsx';
import { CopyButton } from '../../components/ui/CopyButton.tsx';
import { Dialog } from '../../components/ui/Dialog.tsx';
import { ErrorState } from '../../components/ui/ErrorState.tsx';
import { Skeleton } from '../../components/ui/Skeleton.tsx';
import { StatusBadge } from '../../components/ui/StatusBadge.tsx';
import { toast } from '../../components/ui/Toast.tsx';
import { cn } from '../../lib/cn.ts';
import { useFormat } from '../../lib/format.ts';
import { useRegionText } from '../../lib/regions.ts';
import { badgeStatus, contaboBadgeStatus, serverName } from '../../lib/vps.ts';
import { useWaiting } from './adminBits.tsx';
import {
  differencesOf,
  HandoverChecklist,
  MismatchDialog,
  type AssignmentDifference,
} from './AssignMismatch.tsx';
import { OrderNote } from '../../components/orders/OrderNote.tsx';

const FULFILLABLE: OrderStatus[] = ['paid', 'processing'];

type ProvisionMutation = ReturnType<typeof useProvisionOrder>;
const viaApi = (mutation: ProvisionMutation) => Boolean(mutation.variables && 'mode' in mutation.variables);

/** `/admin/orders/:id`: everything needed to prepare one order — assign an instance or buy one through the API. */
export function AdminOrderDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const order = useAdminOrder(id);
  return (
    <DetailPage
      backTo="/admin/orders"
      backLabel={t('admin.order.back')}
      query={order}
      skeletons={['h-9 w-72', 'h-48 w-full rounded-xl', 'h-72 w-full rounded-xl']}
    >
      {(data) => <OrderView order={data} />}
    </DetailPage>
  );
}

function OrderView({ order }: { order: AdminOrderDetail }) {
  const { t } = useTranslation();
  const waiting = useWaiting()(order.waitingSeconds);
  const [result, setResult] = useState<ProvisionResponse | null>(null);
  // One request at a time, whichever way the order is prepared.
  const provision = useProvisionOrder(order.id);
  const fulfillable = FULFILLABLE.includes(order.status) && !order.vps;
  return (
    <>
      <title>{t('admin.order.documentTitle', { number: order.orderNumber })}</title>
      <div className="flex flex-col gap-2">
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">
          {t('admin.order.title', { number: order.orderNumber })}
        </h1>
        <div className="flex flex-wrap items-center gap-3" aria-live="polite">
          <span data-testid="admin-order-status">
            <StatusBadge kind="order" status={order.status} />
          </span>
          {waiting && (
            <span className="inline-flex items-center gap-1 text-sm font-medium text-amber-800 dark:text-amber-300">
              <Hourglass aria-hidden="true" className="size-4" />
              {t('admin.order.waiting', { time: waiting })}
            </span>
          )}
        </div>
      </div>

      {result && <ProvisionResult result={result} onClose={() => setResult(null)} />}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="flex min-w-0 flex-col gap-6">
          <SummaryCard order={order} />
          {order.status === 'pending' && <RecordPaymentCard order={order} />}
          {fulfillable && (
            <>
              <AssignCard order={order} provision={provision} onResult={setResult} />
              <CreateCard order={order} provision={provision} onResult={setResult} />
            </>
          )}
          {order.provisioning && <AttemptCard order={order} />}
          {order.vps && <ServerCard order={order} />}
        </div>
        <div className="flex min-w-0 flex-col gap-6">
          <StatusCard order={order} />
          <Card>
            <CardHeader>
              <CardTitle>{t('admin.order.historyTitle')}</CardTitle>
            </CardHeader>
            <CardContent>
              <History entries={order.history} />
            </CardContent>
          </Card>
        </div>
      </div>
    </>
  );
}

function SummaryCard({ order }: { order: AdminOrderDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const regionText = useRegionText();
  const rows: Array<[string, React.ReactNode]> = [
    [
      t('admin.order.customer'),
      <span key="c" className="flex min-w-0 flex-wrap items-center gap-x-2">
        <span className="font-medium">{order.customer.name}</span>
        <span className="break-all text-muted-foreground">{order.customer.email}</span>
        <CopyButton
          text={order.customer.email}
          iconOnly
          className="size-9"
          label={t('servers.copyLabel', { what: order.customer.email })}
        />
      </span>,
    ],
    [t('admin.order.plan'), `${order.product.name} (${order.product.contaboProductId})`],
    [t('admin.order.period'), t('period.months', { count: order.periodMonths })],
    [t('admin.order.region'), `${regionText.name(order.region, order.region)} (${order.region})`],
    [t('admin.order.image'), order.image ? order.image.name : '—'],
    [t('admin.order.hostname'), order.displayName ?? '—'],
    [
      t('admin.order.sshKeys'),
      order.sshKeys.length ? order.sshKeys.map((key) => key.name).join(', ') : t('admin.order.none'),
    ],
    [t('admin.order.userData'), order.hasUserData ? t('admin.order.yes') : t('admin.order.no')],
    [t('admin.order.total'), format.money(order.totalMinor, order.currency)],
    [t('admin.order.created'), format.dateTime(order.createdAt)],
    [t('admin.order.paid'), order.paidAt ? format.dateTime(order.paidAt) : '—'],
  ];
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('admin.order.summaryTitle')}</CardTitle>
      </CardHeader>
      <CardContent>
        <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2">
          {rows.map(([label, value], index) => (
            <div key={label} className={cn('flex min-w-0 flex-col gap-0.5', index === 0 && 'sm:col-span-2')}>
              <dt className="text-xs text-muted-foreground">{label}</dt>
              <dd className="min-w-0 text-sm break-words">{value}</dd>
            </div>
          ))}
        </dl>
      </CardContent>
    </Card>
  );
}

const assignSchema = z.object({
  instanceId: z
    .string()
    .trim()
    .min(1, 'validation.required')
    .regex(/^\d{1,15}$/, 'validation.instanceId'),
  rootPassword: optionalText(200),
});
type AssignValues = z.infer<typeof assignSchema>;

/** (a) Assign an instance that already exists in the Contabo account. */
function AssignCard({
  order,
  provision,
  onResult,
}: {
  order: AdminOrderDetail;
  provision: ProvisionMutation;
  onResult: (result: ProvisionResponse) => void;
}) {
  const { t } = useTranslation();
  const instances = useInstances(false);
  const form = useForm<AssignValues>({
    resolver: zodResolver(assignSchema),
    defaultValues: { instanceId: '', rootPassword: '' },
  });
  const selected = form.watch('instanceId');
  const legendId = useId();
  const [mismatch, setMismatch] = useState<{
    body: { contaboInstanceId: number; rootPassword?: string };
    differences: AssignmentDifference[];
  } | null>(null);
  const send = (body: { contaboInstanceId: number; rootPassword?: string; confirmMismatch?: boolean }) =>
    provision.mutate(body, {
      onSuccess: (result) => {
        setMismatch(null);
        onResult(result);
        toast.success(t('admin.order.assigned', { number: order.orderNumber }));
      },
      onError: (error) => {
        const differences =
          error instanceof ApiError && error.code === 'assignment_mismatch' && differencesOf(error.details);
        if (differences) {
          // The dialog names the differences; the admin confirms or picks another instance.
          setMismatch({ body, differences });
          provision.reset();
          return;
        }
        setMismatch(null);
        if (
          applyApiError(error, form.setError, ['rootPassword'], {
            not_found: { field: 'instanceId', message: 'validation.instanceUnknown' },
            conflict: { field: 'instanceId', message: 'validation.instanceTaken' },
          })
        )
          provision.reset();
      },
    });
  // Free instances, those matching the order's product and region first.
  const available = (instances.data?.items ?? [])
    .filter((item) => !item.assignment && !item.cancelDate)
    .map((item) => ({ item, score: mismatches(item, order) }))
    .sort((a, b) => a.score - b.score || a.item.instanceId - b.item.instanceId)
    .map(({ item }) => item);

  return (
    <Card data-testid="assign-card">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <Link2 aria-hidden="true" className="size-5" />
          {t('admin.order.assignTitle')}
        </CardTitle>
        <p className="text-sm text-muted-foreground">{t('admin.order.assignText')}</p>
      </CardHeader>
      <CardContent>
        <form
          noValidate
          className="flex flex-col gap-4"
          onSubmit={form.handleSubmit((values) => {
            if (provision.isPending) return;
            send({
              contaboInstanceId: Number(values.instanceId),
              ...(values.rootPassword ? { rootPassword: values.rootPassword } : {}),
            });
          })}
        >
          {provision.error && !viaApi(provision) && <FormError error={provision.error} />}
          <fieldset className="flex flex-col gap-2" aria-labelledby={legendId}>
            <legend id={legendId} className="mb-1 text-sm font-medium">
              {t('admin.order.unassigned')}
            </legend>
            {instances.isPending ? (
              <Skeleton className="h-24 w-full" />
            ) : instances.error ? (
              <ErrorState error={instances.error} onRetry={() => void instances.refetch()} className="py-6" />
            ) : available.length === 0 ? (
              <p className="text-sm text-muted-foreground">{t('admin.order.noUnassigned')}</p>
            ) : (
              <ul className="flex max-h-80 flex-col gap-2 overflow-y-auto" data-testid="unassigned-instances">
                {available.map((item) => (
                  <li key={item.instanceId}>
                    <InstanceOption
                      item={item}
                      order={order}
                      checked={selected === String(item.instanceId)}
                      onSelect={() =>
                        form.setValue('instanceId', String(item.instanceId), { shouldValidate: true })
                      }
                    />
                  </li>
                ))}
              </ul>
            )}
          </fieldset>
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              label={t('admin.order.instanceId')}
              hint={t('admin.order.instanceIdHint')}
              inputMode="numeric"
              autoComplete="off"
              error={form.formState.errors.instanceId?.message}
              {...form.register('instanceId')}
            />
            <PasswordField
              label={t('admin.order.rootPassword')}
              hint={t('admin.order.rootPasswordHint')}
              optional
              autoComplete="new-password"
              error={form.formState.errors.rootPassword?.message}
              {...form.register('rootPassword')}
            />
          </div>
          <HandoverChecklist order={order} />
          <SubmitButton className="self-start" pending={provision.isPending}>
            {t('admin.order.assign')}
          </SubmitButton>
        </form>
        {mismatch && (
          <MismatchDialog
            instanceId={mismatch.body.contaboInstanceId}
            differences={mismatch.differences}
            planNames={Object.fromEntries([
              [order.product.contaboProductId, order.product.name],
              ...available.flatMap((i) =>
                i.productId && i.productName ? [[i.productId, i.productName]] : [],
              ),
            ])}
            pending={provision.isPending}
            onClose={() => setMismatch(null)}
            onConfirm={() => {
              if (!provision.isPending) send({ ...mismatch.body, confirmMismatch: true });
            }}
          />
        )}
      </CardContent>
    </Card>
  );
}

function mismatches(item: ContaboInstance, order: AdminOrderDetail): number {
  const product = item.productId && item.productId !== order.product.contaboProductId ? 2 : 0;
  const region = item.region && item.region !== order.region ? 1 : 0;
  return product + region + (item.status === 'running' ? 0 : 0.5);
}

/** One unassigned instance as a radio card; differences with the order are flagged. */
function InstanceOption({
  item,
  order,
  checked,
  onSelect,
}: {
  item: ContaboInstance;
  order: AdminOrderDetail;
  checked: boolean;
  onSelect: () => void;
}) {
  const { t } = useTranslation();
  const regionMismatch = item.region && item.region !== order.region;
  const productMismatch = item.productId && item.productId !== order.product.contaboProductId;
  return (
    <label
      className={cn(
        'flex cursor-pointer items-start gap-3 rounded-lg border p-3 text-sm transition-colors',
        checked ? 'border-primary bg-accent/50' : 'border-border hover:bg-muted/50',
      )}
    >
      <input
        type="radio"
        name="instance-choice"
        className="mt-1 size-4 shrink-0"
        checked={checked}
        onChange={onSelect}
        aria-label={t('admin.order.pickInstance', { id: item.instanceId })}
      />
      <span className="flex min-w-0 flex-1 flex-col gap-1">
        <span className="flex flex-wrap items-center gap-2">
          <span className="font-mono font-semibold">{item.instanceId}</span>
          <span className="break-all">{item.displayName || item.name}</span>
          <StatusBadge kind="vps" status={contaboBadgeStatus(item.status ?? 'unknown')} />
        </span>
        <span className="text-xs text-muted-foreground">
          {[item.productName ?? item.productId, item.region, item.ipv4].filter(Boolean).join(' · ')}
        </span>
        {(regionMismatch || productMismatch) && (
          <span className="inline-flex items-center gap-1 text-xs font-medium text-amber-800 dark:text-amber-300">
            <AlertTriangle aria-hidden="true" className="size-3.5" />
            {productMismatch && regionMismatch
              ? t('admin.order.mismatchBoth')
              : productMismatch
                ? t('admin.order.mismatchProduct')
                : t('admin.order.mismatchRegion')}
          </span>
        )}
      </span>
    </label>
  );
}

/** (b) Buy the server through Contabo's API: confirmed in a dialog, never sent twice. */
function CreateCard({
  order,
  provision,
  onResult,
}: {
  order: AdminOrderDetail;
  provision: ProvisionMutation;
  onResult: (result: ProvisionResponse) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [open, setOpen] = useState(false);
  const sent = useRef(false);
  const busy = provision.isPending || order.provisioning?.status === 'creating';
  return (
    <Card data-testid="create-card">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <CloudCog aria-hidden="true" className="size-5" />
          {t('admin.order.createTitle')}
        </CardTitle>
        <p className="text-sm text-muted-foreground">{t('admin.order.createText')}</p>
      </CardHeader>
      <CardContent>
        <Button variant="outline" disabled={busy} onClick={() => setOpen(true)}>
          <ShoppingCart aria-hidden="true" />
          {t('admin.order.create')}
        </Button>
      </CardContent>
      <Dialog
        open={open}
        onClose={() => {
          provision.reset();
          setOpen(false);
        }}
        busy={provision.isPending}
        title={t('admin.order.createConfirmTitle', { number: order.orderNumber })}
        description={t('admin.order.createConfirmText', {
          plan: order.product.name,
          region: order.region,
          period: t('period.months', { count: order.periodMonths }),
          total: format.money(order.totalMinor, order.currency),
        })}
        footer={
          <>
            <Button variant="outline" onClick={() => setOpen(false)} disabled={provision.isPending}>
              {t('actions.cancel')}
            </Button>
            <SubmitButton
              type="button"
              variant="danger"
              pending={provision.isPending}
              pendingLabel={t('admin.order.creating')}
              onClick={() => {
                if (provision.isPending || sent.current) return;
                sent.current = true;
                provision.mutate(
                  { mode: 'api' },
                  {
                    onSuccess: (result) => {
                      setOpen(false);
                      onResult(result);
                    },
                    onSettled: () => {
                      sent.current = false;
                    },
                  },
                );
              }}
            >
              {t('admin.order.createConfirm')}
            </SubmitButton>
          </>
        }
      >
        {provision.error && viaApi(provision) && <FormError error={provision.error} />}
      </Dialog>
    </Card>
  );
}

function ProvisionResult({ result, onClose }: { result: ProvisionResponse; onClose: () => void }) {
  const { t } = useTranslation();
  const warn = result.warnings.length > 0 || result.state === 'ambiguous';
  return (
    <div
      role="status"
      data-testid="provision-result"
      className={cn(
        'flex flex-col gap-2 rounded-xl border p-4 text-sm',
        warn
          ? 'border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100'
          : 'border-green-300 bg-green-50 text-green-900 dark:border-green-800 dark:bg-green-950/60 dark:text-green-100',
      )}
    >
      <div className="flex items-start justify-between gap-3">
        <p className="font-semibold">{t(`admin.order.result.${result.state}`)}</p>
        <Button variant="ghost" size="sm" className="-mt-2 -mr-2" onClick={onClose}>
          {t('actions.close')}
        </Button>
      </div>
      {result.warnings.length > 0 && (
        <>
          <p>{t('admin.order.warnings')}</p>
          <ul className="list-disc pl-5" data-testid="provision-warnings">
            {result.warnings.map((warning) => (
              <li key={warning} lang="en">
                {warning}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function AttemptCard({ order }: { order: AdminOrderDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const attempt = order.provisioning;
  if (!attempt) return null;
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('admin.order.attemptTitle')}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-1 text-sm">
        <p>
          {t('admin.order.attemptStatus')}: <span className="font-mono">{attempt.status}</span>
          {attempt.contaboInstanceId && (
            <>
              {' · '}
              {t('admin.order.instanceId')}: <span className="font-mono">{attempt.contaboInstanceId}</span>
            </>
          )}
        </p>
        <p className="text-muted-foreground">
          {t('admin.order.attemptUpdated')} {format.dateTime(attempt.updatedAt)}
        </p>
        {attempt.error && (
          <p className="text-red-700 dark:text-red-300" lang="en">
            {attempt.error}
          </p>
        )}
      </CardContent>
    </Card>
  );
}

function ServerCard({ order }: { order: AdminOrderDetail }) {
  const { t } = useTranslation();
  const vps = order.vps;
  if (!vps) return null;
  return (
    <Card data-testid="order-server">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <Server aria-hidden="true" className="size-5" />
          {t('admin.order.serverTitle')}
        </CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-2 text-sm">
        <p className="flex flex-wrap items-center gap-2">
          <span className="font-medium break-all">{serverName(vps)}</span>
          <StatusBadge kind="vps" status={badgeStatus(vps)} />
        </p>
        <p className="text-muted-foreground">{[vps.ipv4, vps.region].filter(Boolean).join(' · ')}</p>
        <Link
          to={`/admin/servers?search=${encodeURIComponent(vps.ipv4 ?? serverName(vps))}`}
          className="self-start font-medium text-primary hover:underline"
        >
          {t('admin.order.openServer')}
        </Link>
      </CardContent>
    </Card>
  );
}

const paymentSchema = z.object({ reference: requiredText(100) });

function RecordPaymentCard({ order }: { order: AdminOrderDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const mutation = useRecordPayment(order.id);
  const form = useForm<{ reference: string }>({
    resolver: zodResolver(paymentSchema),
    defaultValues: { reference: '' },
  });
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('admin.order.paymentTitle')}</CardTitle>
        <p className="text-sm text-muted-foreground">
          {t('admin.order.paymentText', { amount: format.money(order.totalMinor, order.currency) })}
        </p>
      </CardHeader>
      <CardContent>
        <form
          noValidate
          className="flex flex-col gap-4"
          onSubmit={form.handleSubmit((values) => {
            if (mutation.isPending) return;
            mutation.mutate(values.reference, {
              onSuccess: () => toast.success(t('admin.order.paymentRecorded', { number: order.orderNumber })),
              onError: (error) => {
                if (applyApiError(error, form.setError, ['reference'])) mutation.reset();
              },
            });
          })}
        >
          {mutation.error && <FormError error={mutation.error} />}
          <TextField
            label={t('admin.order.reference')}
            hint={t('admin.order.referenceHint')}
            autoComplete="off"
            className="sm:max-w-sm"
            error={form.formState.errors.reference?.message}
            {...form.register('reference')}
          />
          <SubmitButton className="self-start" pending={mutation.isPending}>
            {t('admin.order.recordPayment')}
          </SubmitButton>
        </form>
      </CardContent>
    </Card>
  );
}

const statusSchema = z.object({
  status: z.enum(ORDER_STATUSES, { message: 'validation.required' }),
  note: optionalText(500),
});
type StatusValues = z.infer<typeof statusSchema>;

/** Manual status change; a refused transition says which ones are possible. */
function StatusCard({ order }: { order: AdminOrderDetail }) {
  const { t } = useTranslation();
  const mutation = useSetOrderStatus(order.id);
  const form = useForm<StatusValues>({
    resolver: zodResolver(statusSchema),
    defaultValues: { status: undefined, note: '' },
  });
  const refused =
    mutation.error instanceof ApiError && mutation.error.code === 'invalid_transition'
      ? mutation.error
      : null;
  const invalid = refused !== null;
  const allowed = refused ? allowedFrom(refused) : [];
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('admin.order.statusTitle')}</CardTitle>
      </CardHeader>
      <CardContent>
        <form
          noValidate
          className="flex flex-col gap-4"
          onSubmit={form.handleSubmit((values) => {
            if (mutation.isPending) return;
            mutation.mutate(
              { status: values.status, ...(values.note ? { note: values.note } : {}) },
              {
                onSuccess: () => {
                  toast.success(
                    t('admin.order.statusChanged', { status: t(`status.order.${values.status}`) }),
                  );
                  form.reset({ status: undefined, note: '' });
                },
              },
            );
          })}
        >
          {invalid ? (
            <div
              role="alert"
              className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950/60 dark:text-red-100"
            >
              <p>
                {t('admin.order.invalidTransition', {
                  from: t(`status.order.${order.status}`),
                  to: t(`status.order.${form.getValues('status')}`),
                })}
              </p>
              <p>
                {allowed.length
                  ? t('admin.order.allowed', { list: allowed.map((s) => t(`status.order.${s}`)).join(', ') })
                  : t('admin.order.noneAllowed')}
              </p>
            </div>
          ) : (
            mutation.error && <FormError error={mutation.error} />
          )}
          <SelectField
            label={t('admin.order.newStatus')}
            error={form.formState.errors.status?.message}
            {...form.register('status', { onChange: () => mutation.reset() })}
          >
            <option value="">{t('admin.order.chooseStatus')}</option>
            {ORDER_STATUSES.filter((s) => s !== order.status).map((s) => (
              <option key={s} value={s}>
                {t(`status.order.${s}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t('admin.order.note')}
            optional
            autoComplete="off"
            error={form.formState.errors.note?.message}
            {...form.register('note')}
          />
          <FormSuccess show={mutation.isSuccess}>{t('admin.order.statusSaved')}</FormSuccess>
          <SubmitButton variant="outline" className="self-start" pending={mutation.isPending}>
            {t('admin.order.changeStatus')}
          </SubmitButton>
        </form>
      </CardContent>
    </Card>
  );
}

function allowedFrom(error: ApiError): OrderStatus[] {
  const details = error.details as { allowed?: unknown } | null;
  if (!details || !Array.isArray(details.allowed)) return [];
  return details.allowed.filter((s): s is OrderStatus => ORDER_STATUSES.includes(s as OrderStatus));
}

function History({ entries }: { entries: OrderHistoryEntry[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (entries.length === 0)
    return <p className="text-sm text-muted-foreground">{t('admin.order.noHistory')}</p>;
  const actor = (type: string) =>
    type === 'customer'
      ? t('admin.order.actor.customer')
      : type === 'admin'
        ? t('admin.order.actor.admin')
        : t('admin.order.actor.system');
  return (
    <ol
      className="relative flex flex-col gap-4 border-l border-border pl-5"
      data-testid="admin-order-history"
    >
      {entries.map((entry, i) => (
        <li key={`${entry.createdAt}-${i}`} className="relative">
          <span
            aria-hidden="true"
            className="absolute top-1.5 -left-[1.6rem] size-3 rounded-full border-2 border-card bg-primary"
          />
          <p className="text-sm font-medium">
            {ORDER_STATUSES.includes(entry.toStatus as OrderStatus)
              ? t(`status.order.${entry.toStatus as OrderStatus}`)
              : entry.toStatus}
          </p>
          <p className="text-xs text-muted-foreground">
            <time dateTime={entry.createdAt}>{format.dateTime(entry.createdAt)}</time> ·{' '}
            {actor(entry.actorType)}
          </p>
          <OrderNote entry={entry} showFreeText />
        </li>
      ))}
    </ol>
  );
}
