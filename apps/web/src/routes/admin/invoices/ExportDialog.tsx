import { zodResolver } from '@hookform/resolvers/zod';
import { FileDown } from 'lucide-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { downloadInvoicesCsv } from '../../../api/admin.ts';
import { TextField } from '../../../components/form/fields.tsx';
import { FormDialog } from '../../../components/form/FormDialog.tsx';
import { exportSchema, isoDay, dayAfter } from './invoiceRules.ts';

export function ExportDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const now = new Date();
  const form = useForm<{ from: string; to: string }>({
    resolver: zodResolver(exportSchema),
    defaultValues: { from: isoDay(new Date(now.getFullYear(), now.getMonth(), 1)), to: isoDay(now) },
  });
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <FormDialog
      onClose={onClose}
      pending={pending}
      error={error}
      title={t('admin.invoices.exportTitle')}
      description={t('admin.invoices.exportText')}
      submit={
        <>
          <FileDown aria-hidden="true" />
          {t('admin.invoices.exportConfirm')}
        </>
      }
      onSubmit={form.handleSubmit(async (values) => {
        if (pending) return;
        setPending(true);
        setError(null);
        try {
          await downloadInvoicesCsv(values.from, dayAfter(values.to));
          onClose();
        } catch (failure) {
          setError(failure);
        } finally {
          setPending(false);
        }
      })}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          type="date"
          label={t('admin.invoices.from')}
          error={form.formState.errors.from?.message}
          {...form.register('from')}
        />
        <TextField
          type="date"
          label={t('admin.invoices.toIncluded')}
          error={form.formState.errors.to?.message}
          {...form.register('to')}
        />
      </div>
    </FormDialog>
  );
}
