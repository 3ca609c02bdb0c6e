import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useSetOrderStatus } from '../../../api/admin.ts';
import { ApiError } from '../../../api/client.ts';
import { ORDER_STATUSES, type AdminOrderDetail } from '../../../api/models.ts';
import { SelectField, TextField } from '../../../components/form/fields.tsx';
import { FormError, FormSuccess, SubmitButton } from '../../../components/form/FormBits.tsx';
import { optionalText } from '../../../components/form/validation.ts';
import { toast } from '../../../components/ui/Toast.tsx';
import { allowedStatuses } from './orderRules.ts';
import { OrderCard } from './OrderCard.tsx';

const statusSchema = z.object({
  status: z.enum(ORDER_STATUSES, { message: 'validation.required' }),
  note: optionalText(500),
});
type StatusValues = z.infer<typeof statusSchema>;

/** Manual status change; a refused transition says which ones are possible. */
export function StatusCard({ order }: { order: AdminOrderDetail }) {
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
  const allowed = refused ? allowedStatuses(refused.details) : [];
  return (
    <OrderCard title={t('admin.order.statusTitle')}>
      <form
        noValidate
        className="flex flex-col gap-4"
        onSubmit={form.handleSubmit((values) => {
          if (mutation.isPending) return;
          mutation.mutate(
            { status: values.status, ...(values.note ? { note: values.note } : {}) },
            {
              onSuccess: () => {
                toast.success(t('admin.order.statusChanged', { status: t(`status.order.${values.status}`) }));
                form.reset({ status: undefined, note: '' });
              },
            },
          );
        })}
      >
        {refused ? (
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
    </OrderCard>
  );
}
