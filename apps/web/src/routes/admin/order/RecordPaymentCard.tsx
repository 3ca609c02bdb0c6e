import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useRecordPayment } from '../../../api/admin.ts';
import type { AdminOrderDetail } from '../../../api/models.ts';
import { TextField } from '../../../components/form/fields.tsx';
import { FormError, SubmitButton } from '../../../components/form/FormBits.tsx';
import { requiredText, submitToMutation } from '../../../components/form/validation.ts';
import { toast } from '../../../components/ui/Toast.tsx';
import { useFormat } from '../../../lib/format.ts';
import { OrderCard } from './OrderCard.tsx';

const paymentSchema = z.object({ reference: requiredText(100) });

/** A pending order paid outside the gateways (e.g. a bank transfer): staff record it with its reference. */
export function RecordPaymentCard({ order }: { order: AdminOrderDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const mutation = useRecordPayment(order.id);
  const form = useForm<{ reference: string }>({
    resolver: zodResolver(paymentSchema),
    defaultValues: { reference: '' },
  });
  return (
    <OrderCard
      title={t('admin.order.paymentTitle')}
      text={t('admin.order.paymentText', { amount: format.money(order.totalMinor, order.currency) })}
    >
      <form
        noValidate
        className="flex flex-col gap-4"
        onSubmit={submitToMutation(form, mutation, {
          input: (values) => values.reference,
          onSuccess: () => toast.success(t('admin.order.paymentRecorded', { number: order.orderNumber })),
          fields: ['reference'],
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
    </OrderCard>
  );
}
