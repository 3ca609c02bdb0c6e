import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useVoidInvoice } from '../../../api/admin.ts';
import { type AdminInvoice } from '../../../api/models.ts';
import { TextField } from '../../../components/form/fields.tsx';
import { FormDialog, toastAndClose } from '../../../components/form/FormDialog.tsx';
import { optionalText } from '../../../components/form/validation.ts';

/** Void an unpaid invoice, with an optional reason. */
const voidSchema = z.object({ reason: optionalText(500) });

export function VoidDialog({ invoice, onClose }: { invoice: AdminInvoice; onClose: () => void }) {
  const { t } = useTranslation();
  const number = invoice.invoiceNumber ?? '—';
  const mutation = useVoidInvoice();
  const form = useForm<{ reason: string }>({
    resolver: zodResolver(voidSchema),
    defaultValues: { reason: '' },
  });
  return (
    <FormDialog
      onClose={onClose}
      pending={mutation.isPending}
      error={mutation.error}
      title={t('admin.invoices.voidTitle', { number })}
      description={t('admin.invoices.voidText')}
      cancel={t('admin.invoices.keep')}
      submit={t('admin.invoices.voidConfirm')}
      submitVariant="danger"
      onSubmit={form.handleSubmit((values) => {
        if (mutation.isPending) return;
        mutation.mutate(
          { invoiceId: invoice.id, ...(values.reason ? { reason: values.reason } : {}) },
          toastAndClose({
            message: t('admin.invoices.voided', { number }),
            onClose,
            setError: form.setError,
            fields: ['reason'],
            reset: () => mutation.reset(),
          }),
        );
      })}
    >
      <TextField
        label={t('admin.invoices.reason')}
        optional
        autoComplete="off"
        autoFocus
        error={form.formState.errors.reason?.message}
        {...form.register('reason')}
      />
    </FormDialog>
  );
}
