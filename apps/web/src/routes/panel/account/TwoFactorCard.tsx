import { zodResolver } from '@hookform/resolvers/zod';
import { Download, ShieldCheck, ShieldOff } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useDisableTwoFactor, useEnableTwoFactor, useSetupTwoFactor } from '../../../api/account.ts';
import type { TwoFactorSetup } from '../../../api/models.ts';
import { TotpCodeField } from '../../../components/form/accountFields.tsx';
import { PasswordField } from '../../../components/form/fields.tsx';
import { FormError, FormSuccess, SubmitButton } from '../../../components/form/FormBits.tsx';
import {
  currentPasswordSchema,
  submitToMutation,
  totpCodeSchema,
} from '../../../components/form/validation.ts';
import { Badge } from '../../../components/ui/Badge.tsx';
import { Button } from '../../../components/ui/Button.tsx';
import { CopyButton } from '../../../components/ui/CopyButton.tsx';
import { Dialog } from '../../../components/ui/Dialog.tsx';
import { usePanelUser } from '../usePanelUser.ts';
import { Section } from './AccountLayout.tsx';
import { QrCode } from './QrCode.tsx';

type Step =
  | { name: 'idle' }
  | { name: 'password' }
  | { name: 'scan'; setup: TwoFactorSetup }
  | { name: 'codes'; codes: string[] };

/**
 * Two-step verification: password → QR code + secret → a code from the app → the recovery codes, shown once with
 * copy and download. Turning it off needs the password and a current code.
 */
export function TwoFactorCard() {
  const { t } = useTranslation();
  const user = usePanelUser();
  const [step, setStep] = useState<Step>({ name: 'idle' });
  const [disableOpen, setDisableOpen] = useState(false);
  const [justDisabled, setJustDisabled] = useState(false);
  const enabled = user.twoFactorEnabled;

  return (
    <Section
      headingId="two-factor-title"
      title={t('account.twoFactor.title')}
      description={t('account.twoFactor.description')}
      aside={
        enabled ? (
          <Badge tone="success">
            <ShieldCheck aria-hidden="true" />
            {t('account.twoFactor.on')}
          </Badge>
        ) : (
          <Badge tone="neutral">
            <ShieldOff aria-hidden="true" />
            {t('account.twoFactor.off')}
          </Badge>
        )
      }
    >
      {step.name === 'codes' ? (
        <RecoveryCodes codes={step.codes} email={user.email} onDone={() => setStep({ name: 'idle' })} />
      ) : enabled ? (
        <div className="flex flex-col gap-4">
          <p className="text-sm">{t('account.twoFactor.enabled')}</p>
          <div>
            <Button variant="outline" onClick={() => setDisableOpen(true)}>
              {t('account.twoFactor.disable')}
            </Button>
          </div>
        </div>
      ) : step.name === 'password' ? (
        <PasswordStep
          onCancel={() => setStep({ name: 'idle' })}
          onReady={(setup) => setStep({ name: 'scan', setup })}
        />
      ) : step.name === 'scan' ? (
        <ScanStep
          setup={step.setup}
          onCancel={() => setStep({ name: 'idle' })}
          onEnabled={() => setStep({ name: 'codes', codes: step.setup.recoveryCodes })}
        />
      ) : (
        <div className="flex flex-col gap-4">
          <FormSuccess show={justDisabled}>{t('account.twoFactor.disabled')}</FormSuccess>
          <div>
            <Button
              onClick={() => {
                setJustDisabled(false);
                setStep({ name: 'password' });
              }}
            >
              <ShieldCheck aria-hidden="true" />
              {t('account.twoFactor.enable')}
            </Button>
          </div>
        </div>
      )}
      <DisableDialog
        open={disableOpen}
        onClose={() => setDisableOpen(false)}
        onDisabled={() => {
          setDisableOpen(false);
          setJustDisabled(true);
        }}
      />
    </Section>
  );
}

/** A step's buttons: go on (showing progress), or cancel the whole setup. */
function StepActions({
  pending,
  onCancel,
  children,
}: {
  pending: boolean;
  onCancel: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="flex flex-wrap gap-2">
      <SubmitButton pending={pending}>{children}</SubmitButton>
      <Button variant="ghost" onClick={onCancel} disabled={pending}>
        {t('actions.cancel')}
      </Button>
    </div>
  );
}

const passwordSchema = z.object({ password: currentPasswordSchema });

function PasswordStep({
  onCancel,
  onReady,
}: {
  onCancel: () => void;
  onReady: (setup: TwoFactorSetup) => void;
}) {
  const { t } = useTranslation();
  const form = useForm<{ password: string }>({
    resolver: zodResolver(passwordSchema),
    defaultValues: { password: '' },
  });
  const mutation = useSetupTwoFactor();
  return (
    <form
      noValidate
      className="flex max-w-md flex-col gap-4"
      onSubmit={submitToMutation(form, mutation, {
        input: ({ password }) => password,
        onSuccess: onReady,
        fields: ['password'],
        codeFields: { invalid_password: 'password' },
      })}
    >
      <p className="text-sm">{t('account.twoFactor.passwordStep')}</p>
      {mutation.error && <FormError error={mutation.error} />}
      <PasswordField
        label={t('account.twoFactor.password')}
        autoComplete="current-password"
        autoFocus
        error={form.formState.errors.password?.message}
        {...form.register('password')}
      />
      <StepActions pending={mutation.isPending} onCancel={onCancel}>
        {t('account.twoFactor.start')}
      </StepActions>
    </form>
  );
}

const codeSchema = z.object({ code: totpCodeSchema });

/** Groups the base32 secret in blocks of four so it can be typed without losing the place. */
function groupSecret(secret: string): string {
  return secret
    .replace(/\s+/g, '')
    .replace(/(.{4})/g, '$1 ')
    .trim();
}

function ScanStep({
  setup,
  onCancel,
  onEnabled,
}: {
  setup: TwoFactorSetup;
  onCancel: () => void;
  onEnabled: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm<{ code: string }>({ resolver: zodResolver(codeSchema), defaultValues: { code: '' } });
  const mutation = useEnableTwoFactor();
  return (
    <div className="grid gap-8 md:grid-cols-2">
      <div className="flex flex-col gap-3">
        <h3 className="font-semibold">{t('account.twoFactor.scanTitle')}</h3>
        <p className="max-w-xs text-sm text-muted-foreground">{t('account.twoFactor.scanText')}</p>
        <QrCode
          value={setup.otpauthUri}
          label={t('account.twoFactor.qrLabel')}
          className="size-52 rounded-lg border border-border"
        />
        <p className="max-w-xs text-sm text-muted-foreground">{t('account.twoFactor.manual')}</p>
        <div className="flex items-center gap-2">
          <code
            data-testid="totp-secret"
            data-secret={setup.secret}
            aria-label={t('account.twoFactor.secret')}
            className="rounded-md bg-muted px-2 py-1.5 font-mono text-sm [overflow-wrap:anywhere] select-all"
          >
            {groupSecret(setup.secret)}
          </code>
          <CopyButton text={setup.secret} iconOnly label={t('account.twoFactor.copySecret')} />
        </div>
      </div>
      <form
        noValidate
        className="flex flex-col gap-4"
        onSubmit={submitToMutation(form, mutation, {
          input: ({ code }) => code,
          onSuccess: onEnabled,
          fields: ['code'],
          codeFields: { invalid_two_factor_code: 'code' },
        })}
      >
        <h3 className="font-semibold">{t('account.twoFactor.confirmTitle')}</h3>
        <p className="text-sm text-muted-foreground">{t('account.twoFactor.confirmText')}</p>
        {mutation.error && <FormError error={mutation.error} />}
        <TotpCodeField
          label={t('account.twoFactor.code')}
          error={form.formState.errors.code?.message}
          {...form.register('code')}
        />
        <StepActions pending={mutation.isPending} onCancel={onCancel}>
          {t('account.twoFactor.confirm')}
        </StepActions>
      </form>
    </div>
  );
}

function RecoveryCodes({ codes, email, onDone }: { codes: string[]; email: string; onDone: () => void }) {
  const { t } = useTranslation();
  const text = codes.join('\n');
  const download = () => {
    const content = `${t('account.twoFactor.fileHeader', { email })}\n\n${text}\n`;
    const url = URL.createObjectURL(new Blob([content], { type: 'text/plain;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = t('account.twoFactor.fileName');
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <div className="flex flex-col gap-4" role="region" aria-labelledby="recovery-title">
      <FormSuccess>{t('account.twoFactor.enabled')}</FormSuccess>
      <div className="flex flex-col gap-1">
        <h3 id="recovery-title" className="font-semibold">
          {t('account.twoFactor.codesTitle')}
        </h3>
        <p className="text-sm text-muted-foreground">{t('account.twoFactor.codesText')}</p>
      </div>
      <ul
        aria-label={t('account.twoFactor.codesLabel')}
        data-testid="recovery-codes"
        className="grid max-w-md grid-cols-2 gap-x-6 gap-y-1.5 rounded-lg border border-border bg-muted p-4 font-mono text-sm"
      >
        {codes.map((code) => (
          <li key={code} className="select-all">
            {code}
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        <CopyButton
          text={text}
          label={t('account.twoFactor.copyCodes')}
          copiedLabel={t('account.twoFactor.codesCopied')}
        />
        <Button variant="outline" size="sm" onClick={download}>
          <Download aria-hidden="true" />
          {t('account.twoFactor.download')}
        </Button>
        <Button size="sm" onClick={onDone}>
          {t('account.twoFactor.codesDone')}
        </Button>
      </div>
    </div>
  );
}

const disableSchema = z.object({ password: currentPasswordSchema, code: totpCodeSchema });
type DisableValues = z.input<typeof disableSchema>;

function DisableDialog({
  open,
  onClose,
  onDisabled,
}: {
  open: boolean;
  onClose: () => void;
  onDisabled: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm<DisableValues, unknown, z.output<typeof disableSchema>>({
    resolver: zodResolver(disableSchema),
    defaultValues: { password: '', code: '' },
  });
  const mutation = useDisableTwoFactor();
  const close = () => {
    form.reset();
    mutation.reset();
    onClose();
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      busy={mutation.isPending}
      title={t('account.twoFactor.disableTitle')}
      description={t('account.twoFactor.disableText')}
    >
      <form
        noValidate
        className="flex flex-col gap-4"
        onSubmit={submitToMutation(form, mutation, {
          resetOnSuccess: true,
          onSuccess: onDisabled,
          fields: ['password', 'code'],
          codeFields: { invalid_password: 'password', invalid_two_factor_code: 'code' },
        })}
      >
        {mutation.error && <FormError error={mutation.error} />}
        <PasswordField
          label={t('account.twoFactor.password')}
          autoComplete="current-password"
          error={form.formState.errors.password?.message}
          {...form.register('password')}
        />
        <TotpCodeField
          label={t('account.twoFactor.code')}
          className="[&_input]:font-mono [&_input]:tracking-[0.3em]"
          error={form.formState.errors.code?.message}
          {...form.register('code')}
        />
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="ghost" onClick={close} disabled={mutation.isPending}>
            {t('actions.cancel')}
          </Button>
          <SubmitButton variant="danger" pending={mutation.isPending}>
            {t('account.twoFactor.disable')}
          </SubmitButton>
        </div>
      </form>
    </Dialog>
  );
}
