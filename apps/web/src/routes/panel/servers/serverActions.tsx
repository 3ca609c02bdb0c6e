// The action buttons of a server (Encender, Apagar, Reiniciar, Forzar apagado, Modo rescate, Restablecer
// contraseña) and their confirmation dialogs. Buttons reflect what the state allows; destructive ones ask first.
import { zodResolver } from '@hookform/resolvers/zod';
import { KeyRound, LifeBuoy, Loader2, Play, Power, PowerOff, RotateCcw, type LucideIcon } from 'lucide-react';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useSshKeys } from '../../../api/account.ts';
import type { Vps } from '../../../api/models.ts';
import { useServerAction, type PowerAction } from '../../../api/vps.ts';
import { PasswordField } from '../../../components/form/fields.tsx';
import { FormError, SubmitButton } from '../../../components/form/FormBits.tsx';
import { Button, type ButtonProps } from '../../../components/ui/Button.tsx';
import { CopyButton } from '../../../components/ui/CopyButton.tsx';
import { Dialog } from '../../../components/ui/Dialog.tsx';
import { toast } from '../../../components/ui/Toast.tsx';
import { errorMessageKey } from '../../../lib/errors.ts';
import { actionsBlocked, allowedActions, serverName, type ServerActionType } from '../../../lib/vps.ts';
import { ConfirmFooter } from '../../../components/form/ConfirmFooter.tsx';

/** Contabo's rule for root passwords: ≥ 8 characters, upper and lower case, and 1 digit + 2 of the specials or 3
 * digits + 1 special. */
const SPECIALS = /[!@#$^&*?_~]/g;
export function isContaboPassword(value: string): boolean {
  if (value.length < 8 || value.length > 100) return false;
  if (!/[a-z]/.test(value) || !/[A-Z]/.test(value)) return false;
  const digits = (value.match(/\d/g) ?? []).length;
  const specials = (value.match(SPECIALS) ?? []).length;
  return (digits >= 1 && specials >= 2) || (digits >= 3 && specials >= 1);
}
export const contaboPasswordSchema = z
  .string()
  .min(1, 'validation.required')
  .refine(isContaboPassword, 'validation.contaboPassword');

const ICONS: Record<ServerActionType, LucideIcon> = {
  start: Play,
  shutdown: Power,
  restart: RotateCcw,
  stop: PowerOff,
  rescue: LifeBuoy,
  reset_password: KeyRound,
};

const VARIANT: Record<ServerActionType, ButtonProps['variant']> = {
  start: 'primary',
  shutdown: 'outline',
  restart: 'outline',
  stop: 'outline',
  rescue: 'outline',
  reset_password: 'outline',
};

export function ServerActions({ vps }: { vps: Vps }) {
  const { t } = useTranslation();
  const allowed = allowedActions(vps);
  const blocked = actionsBlocked(vps);
  const action = useServerAction(vps.id);
  const [open, setOpen] = useState<ServerActionType | null>(null);
  const hintId = useId();

  const run = (type: ServerActionType) => {
    if (type !== 'start') return setOpen(type);
    if (action.isPending) return;
    action.mutate(
      { type: 'start' },
      { onError: (error) => toast.error(t('servers.failed.start'), t(errorMessageKey(error))) },
    );
  };

  const order: ServerActionType[] = ['start', 'shutdown', 'restart', 'stop', 'rescue', 'reset_password'];
  return (
    <section aria-labelledby="server-actions-title" className="flex flex-col gap-3">
      <h2 id="server-actions-title" className="sr-only">
        {t('servers.actions.title')}
      </h2>
      <div className="flex flex-wrap gap-2" data-testid="server-actions">
        {order.map((type) => {
          const Icon = ICONS[type];
          const pending = action.isPending && action.variables?.type === type;
          return (
            <Button
              key={type}
              // Only an action that can run now is prominent: a disabled "Encender" on a running server is not.
              variant={allowed.has(type) ? VARIANT[type] : 'outline'}
              disabled={!allowed.has(type) || action.isPending}
              aria-describedby={hintId}
              onClick={() => run(type)}
              className="max-sm:flex-1 max-sm:basis-[calc(50%-0.25rem)]"
            >
              {pending ? (
                <Loader2 aria-hidden="true" className="animate-spin" />
              ) : (
                <Icon aria-hidden="true" />
              )}
              {t(`servers.actionNames.${type}`)}
            </Button>
          );
        })}
      </div>
      <p id={hintId} className="text-xs text-muted-foreground">
        {blocked === 'busy'
          ? t('servers.actions.busy')
          : blocked === 'service'
            ? t('servers.actions.blockedService')
            : allowed.size === 0
              ? t('servers.actions.none')
              : t('servers.actions.hint')}
      </p>

      {(open === 'stop' || open === 'shutdown' || open === 'restart') && (
        <PowerDialog vps={vps} type={open} onClose={() => setOpen(null)} />
      )}
      {open === 'rescue' && <RescueDialog vps={vps} onClose={() => setOpen(null)} />}
      {open === 'reset_password' && <ResetPasswordDialog vps={vps} onClose={() => setOpen(null)} />}
    </section>
  );
}

/** Forzar apagado / Apagar / Reiniciar: names the server and says what will happen. */
function PowerDialog({ vps, type, onClose }: { vps: Vps; type: PowerAction; onClose: () => void }) {
  const { t } = useTranslation();
  const action = useServerAction(vps.id);
  const name = serverName(vps);
  const key = type as 'stop' | 'shutdown' | 'restart';
  return (
    <Dialog
      open
      onClose={onClose}
      busy={action.isPending}
      title={t(`servers.confirm.${key}.title`, { name })}
      description={t(`servers.confirm.${key}.text`, { name })}
      footer={
        <ConfirmFooter
          variant={type === 'stop' ? 'danger' : 'primary'}
          onCancel={onClose}
          onConfirm={() => action.mutate({ type }, { onSuccess: onClose })}
          pending={action.isPending}
        >
          {t(`servers.confirm.${key}.confirm`)}
        </ConfirmFooter>
      }
    >
      {action.error && <FormError error={action.error} />}
    </Dialog>
  );
}

const rescueSchema = z.object({
  rootPassword: z
    .string()
    .refine((value) => value === '' || isContaboPassword(value), 'validation.contaboPassword'),
  sshKeyIds: z.array(z.string()),
});
type RescueValues = z.infer<typeof rescueSchema>;

function RescueDialog({ vps, onClose }: { vps: Vps; onClose: () => void }) {
  const { t } = useTranslation();
  const action = useServerAction(vps.id);
  const keys = useSshKeys();
  const name = serverName(vps);
  const form = useForm<RescueValues>({
    resolver: zodResolver(rescueSchema),
    defaultValues: { rootPassword: '', sshKeyIds: [] },
  });
  return (
    <Dialog
      open
      onClose={onClose}
      busy={action.isPending}
      title={t('servers.confirm.rescue.title', { name })}
      description={t('servers.confirm.rescue.text', { name })}
    >
      <form
        noValidate
        className="flex flex-col gap-4"
        onSubmit={form.handleSubmit((values) => {
          if (action.isPending) return;
          const body = {
            ...(values.rootPassword ? { rootPassword: values.rootPassword } : {}),
            ...(values.sshKeyIds.length ? { sshKeyIds: values.sshKeyIds } : {}),
          };
          action.mutate({ type: 'rescue', body }, { onSuccess: onClose });
        })}
      >
        {action.error && <FormError error={action.error} />}
        <PasswordField
          label={t('servers.confirm.rescue.password')}
          hint={t('servers.passwordRule')}
          optional
          autoComplete="new-password"
          error={form.formState.errors.rootPassword?.message}
          {...form.register('rootPassword')}
        />
        {keys.data && keys.data.items.length > 0 && (
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1 text-sm font-medium">{t('servers.confirm.rescue.keys')}</legend>
            {keys.data.items.map((key) => (
              <label key={key.id} className="flex min-h-10 items-center gap-3 text-sm">
                <input type="checkbox" value={key.id} className="size-4" {...form.register('sshKeyIds')} />
                <span className="min-w-0 break-all">{key.name}</span>
              </label>
            ))}
          </fieldset>
        )}
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="outline" onClick={onClose} disabled={action.isPending}>
            {t('actions.cancel')}
          </Button>
          <SubmitButton pending={action.isPending}>{t('servers.confirm.rescue.confirm')}</SubmitButton>
        </div>
      </form>
    </Dialog>
  );
}

const resetSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('generate'), rootPassword: z.string() }),
  z.object({ mode: z.literal('own'), rootPassword: contaboPasswordSchema }),
]);
type ResetValues = z.infer<typeof resetSchema>;

function ResetPasswordDialog({ vps, onClose }: { vps: Vps; onClose: () => void }) {
  const { t } = useTranslation();
  const action = useServerAction(vps.id);
  const name = serverName(vps);
  const form = useForm<ResetValues>({
    resolver: zodResolver(resetSchema),
    defaultValues: { mode: 'generate', rootPassword: '' },
  });
  const mode = form.watch('mode');
  const generated = action.data?.generatedPassword;

  if (generated) {
    return (
      <Dialog
        open
        onClose={onClose}
        title={t('servers.confirm.reset_password.generatedTitle')}
        description={t('servers.confirm.reset_password.generatedText', { name })}
        footer={<Button onClick={onClose}>{t('servers.confirm.reset_password.saved')}</Button>}
      >
        <div className="flex items-center gap-2 rounded-lg border border-border bg-muted/50 p-3">
          <code data-testid="generated-password" className="min-w-0 flex-1 font-mono text-sm break-all">
            {generated}
          </code>
          <CopyButton text={generated} />
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog
      open
      onClose={onClose}
      busy={action.isPending}
      title={t('servers.confirm.reset_password.title', { name })}
      description={t('servers.confirm.reset_password.text', { name })}
    >
      <form
        noValidate
        className="flex flex-col gap-4"
        onSubmit={form.handleSubmit((values) => {
          if (action.isPending) return;
          const body =
            values.mode === 'generate' ? { generate: true as const } : { rootPassword: values.rootPassword };
          action.mutate(
            { type: 'reset_password', body },
            {
              onSuccess: (result) => {
                if (!result.generatedPassword) onClose();
              },
            },
          );
        })}
      >
        {action.error && <FormError error={action.error} />}
        <fieldset className="flex flex-col gap-2">
          <legend className="sr-only">{t('servers.confirm.reset_password.modeLabel')}</legend>
          <label className="flex min-h-10 items-center gap-3 text-sm">
            <input type="radio" value="generate" className="size-4" {...form.register('mode')} />
            {t('servers.confirm.reset_password.generate')}
          </label>
          <label className="flex min-h-10 items-center gap-3 text-sm">
            <input type="radio" value="own" className="size-4" {...form.register('mode')} />
            {t('servers.confirm.reset_password.own')}
          </label>
        </fieldset>
        {mode === 'own' && (
          <PasswordField
            label={t('servers.confirm.reset_password.password')}
            hint={t('servers.passwordRule')}
            autoComplete="new-password"
            error={form.formState.errors.rootPassword?.message}
            {...form.register('rootPassword')}
          />
        )}
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="outline" onClick={onClose} disabled={action.isPending}>
            {t('actions.cancel')}
          </Button>
          <SubmitButton pending={action.isPending}>
            {t('servers.confirm.reset_password.confirm')}
          </SubmitButton>
        </div>
      </form>
    </Dialog>
  );
}
