import { zodResolver } from '@hookform/resolvers/zod';
import { useRef } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useCreateCreditNote } from '../../../api/admin.ts';
import { type AdminInvoice } from '../../../api/models.ts';
import { SelectField, TextField } from '../../../components/form/fields.tsx';
import { FormDialog } from '../../../components/form/FormDialog.tsx';
import { onFieldError } from '../../../components/form/validation.ts';
import { toast } from '../../../components/ui/Toast.tsx';
import { useFormat } from '../../../lib/format.ts';
import { useProviderName } from '../../shop/PaymentForm.tsx';
import { type CreditValues, creditSchema, creditNoteBody, REFUND_PROVIDERS } from './invoiceRules.ts';

/** Credit a paid invoice in full or in part, refunding through its gateway, by hand, or not at all. */
export function CreditNoteDialog({ invoice, onClose }: { invoice: AdminInvoice; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const providerName = useProviderName();
  const number = invoice.invoiceNumber ?? '—';
  const mutation = useCreateCreditNote();
  const sent = useRef(false);
  const form = useForm<CreditValues>({
    resolver: zodResolver(creditSchema(invoice.currency, Math.abs(invoice.totalMinor))),
    defaultValues: { reason: '', amount: '', refund: 'none', provider: 'bank_transfer', reference: '' },
  });
  const refund = form.watch('refund');
  const total = format.money(invoice.totalMinor, invoice.currency);
  return (
    <FormDialog
      onClose={onClose}
      pending={mutation.isPending}
      error={mutation.error}
      title={t('admin.invoices.creditTitle', { number })}
      description={t('admin.invoices.creditText', { amount: total })}
      submit={t('admin.invoices.creditConfirm')}
      onSubmit={form.handleSubmit((values) => {
        if (mutation.isPending || sent.current) return;
        sent.current = true;
        const body = creditNoteBody(values, invoice.currency);
        mutation.mutate(
          { invoiceId: invoice.id, body },
          {
            onSuccess: (note) => {
              toast.success(
                t('admin.invoices.credited', { number: note.invoiceNumber ?? '' }),
                t('admin.invoices.creditedText', {
                  amount: format.money(Math.abs(note.totalMinor), note.currency),
                  number,
                }),
              );
              onClose();
            },
            onError: onFieldError(mutation.reset, form.setError, ['reason', 'amount', 'reference'], {
              amountMinor: 'amount',
            }),
            onSettled: () => {
              sent.current = false;
            },
          },
        );
      })}
    >
      <TextField
        label={t('admin.invoices.reason')}
        autoComplete="off"
        autoFocus
        error={form.formState.errors.reason?.message}
        {...form.register('reason')}
      />
      <TextField
        label={t('admin.invoices.amount', { currency: invoice.currency })}
        hint={t('admin.invoices.amountHint', { amount: total })}
        optional
        inputMode="decimal"
        autoComplete="off"
        className="sm:max-w-xs"
        error={form.formState.errors.amount?.message}
        {...form.register('amount')}
      />
      <fieldset className="grid gap-1">
        <legend className="mb-1 text-sm font-medium">{t('admin.invoices.refund')}</legend>
        {(['none', 'gateway', 'manual'] as const).map((mode) => (
          <label key={mode} className="flex min-h-10 items-start gap-3 text-sm">
            <input
              type="radio"
              value={mode}
              className="mt-0.5 size-4 shrink-0 accent-primary"
              {...form.register('refund')}
            />
            <span>
              <span className="font-medium">{t(`admin.invoices.refundModes.${mode}`)}</span>
              <span className="block text-xs text-muted-foreground">
                {t(`admin.invoices.refundModeHints.${mode}`)}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      {refund === 'manual' && (
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField label={t('admin.invoices.refundProvider')} {...form.register('provider')}>
            {REFUND_PROVIDERS.map((id) => (
              <option key={id} value={id}>
                {providerName(id)}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t('admin.invoices.refundReference')}
            autoComplete="off"
            error={form.formState.errors.reference?.message}
            {...form.register('reference')}
          />
        </div>
      )}
    </FormDialog>
  );
}
