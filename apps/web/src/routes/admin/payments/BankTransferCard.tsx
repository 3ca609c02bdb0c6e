import { CheckCircle2, CircleDashed } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { BankTransferDetails, PaymentSettings } from '../../../api/models.ts';
import { CheckboxField, TextareaField, TextField } from '../../../components/form/fields.tsx';
import { Badge } from '../../../components/ui/Badge.tsx';
import { PaymentCardFrame, PaymentFormFooter, usePaymentForm } from './paymentBits.tsx';

/** The API's rules for the bank details (settings.registry.ts payments.bankTransfer.details). */
const bankSchema = z.object({
  enabled: z.boolean(),
  bankName: z.string().trim().max(100, 'validation.tooLong'),
  accountHolder: z.string().trim().max(200, 'validation.tooLong'),
  accountNumber: z.string().trim().max(100, 'validation.tooLong'),
  swift: z.string().trim().max(20, 'validation.tooLong'),
  note: z.string().trim().max(500, 'validation.tooLong'),
});
type BankValues = z.infer<typeof bankSchema>;
const BANK_FIELDS = ['bankName', 'accountHolder', 'accountNumber', 'swift'] as const;

/** The bank details customers see when they choose to pay by transfer (confirmed by hand). */
export function BankTransferCard({ settings }: { settings: PaymentSettings['bankTransfer'] }) {
  const { t } = useTranslation();
  const values = (s: PaymentSettings['bankTransfer']): BankValues => ({ enabled: s.enabled, ...s.details });
  const { form, mutation, submit } = usePaymentForm(bankSchema, values(settings));
  const { errors } = form.formState;
  const name = t('admin.settings.payments.bank.name');
  return (
    <PaymentCardFrame
      id="bank"
      title={name}
      text={t('admin.settings.payments.bank.text')}
      badge={
        <Badge tone={settings.enabled ? 'success' : 'neutral'} data-testid="bank-state">
          {settings.enabled ? <CheckCircle2 aria-hidden="true" /> : <CircleDashed aria-hidden="true" />}
          {settings.enabled ? t('admin.settings.payments.bank.on') : t('admin.settings.payments.bank.off')}
        </Badge>
      }
    >
      <form
        noValidate
        data-testid="bank-transfer-settings"
        className="flex flex-col gap-4"
        onSubmit={submit(
          ({ enabled, ...details }) => {
            const body: BankTransferDetails = details;
            return { bankTransfer: { enabled, details: body } };
          },
          (saved) => values(saved.bankTransfer),
        )}
      >
        <CheckboxField
          label={t('admin.settings.payments.bank.enabled')}
          hint={t('admin.settings.payments.bank.enabledHint')}
          {...form.register('enabled')}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          {BANK_FIELDS.map((field) => (
            <TextField
              key={field}
              label={t(`admin.settings.payments.bank.${field}`)}
              autoComplete="off"
              error={errors[field]?.message}
              {...form.register(field)}
            />
          ))}
        </div>
        <TextareaField
          label={t('admin.settings.payments.bank.note')}
          hint={t('admin.settings.payments.bank.noteHint')}
          optional
          rows={2}
          className="[&_textarea]:min-h-16 [&_textarea]:font-sans [&_textarea]:break-normal"
          error={errors.note?.message}
          {...form.register('note')}
        />
        <PaymentFormFooter
          mutation={mutation}
          saved={t('admin.settings.payments.bank.saved')}
          label={t('admin.settings.payments.bank.save')}
        />
      </form>
    </PaymentCardFrame>
  );
}
