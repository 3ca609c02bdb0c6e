import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useMarkInvoicePaid } from '../../../api/admin.ts';
import { type AdminInvoice } from '../../../api/models.ts';
import { TextField } from '../../../components/form/fields.tsx';
import { FormDialog, toastAndClose } from '../../../components/form/FormDialog.tsx';
import { requiredText } from '../../../components/form/validation.ts';
import { useFormat } from '../../../lib/format.ts';

/** Record a payment received outside the gateways, with its reference. */
const markPaidSchema = z.object({ reference: requiredText(200) });

export function MarkPaidDialog({ invoice, onClose }: { invoice: AdminInvoice; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const number = invoice.invoiceNumber ?? '—';
  const mutation = useMarkInvoicePaid();
  const form = useForm<{ reference: string }>({
    resolver: zodResolver(markPaidSchema),
    defaultValues: { reference: '' },
  });
  return (
    <FormDialog
      onClose={onClose}
      pending={mutation.isPending}
      error={mutation.error}
      title={t('admin.invoices.markPaidTitle', { number })}
      description={t('admin.invoices.markPaidText', {
        amount: format.money(invoice.totalMinor, invoice.currency),
        email: invoice.customerEmail,
      })}
      submit={t('admin.invoices.markPaidConfirm')}
      onSubmit={form.handleSubmit((values) => {
        if (mutation.isPending) return;
        mutation.mutate(
          { invoiceId: invoice.id, reference: values.reference },
          toastAndClose({
            message: t('admin.invoices.markedPaid', { number }),
            onClose,
            setError: form.setError,
            fields: ['reference'],
            reset: () => mutation.reset(),
          }),
        );
      })}
    >
      <TextField
        label={t('admin.invoices.reference')}
        hint={t('admin.invoices.referenceHint')}
        autoComplete="off"
        autoFocus
        error={form.formState.errors.reference?.message}
        {...form.register('reference')}
      />
    </FormDialog>
  );
}
