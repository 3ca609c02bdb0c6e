import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useContaboSettings,
  useTestContabo,
  useUpdateContaboSettings,
  type ContaboSettings,
  type ContaboSettingsInput,
} from '../../api/operations.ts';
import { CheckboxField, SelectField, TextField } from '../../components/form/fields.tsx';
import { FormError, FormSuccess, SubmitButton } from '../../components/form/FormBits.tsx';
import { Button } from '../../components/ui/Button.tsx';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/Card.tsx';
import { Dialog } from '../../components/ui/Dialog.tsx';
import { ErrorState } from '../../components/ui/ErrorState.tsx';
import { Skeleton } from '../../components/ui/Skeleton.tsx';

const SECRETS = ['clientId', 'clientSecret', 'apiUser', 'apiPassword'] as const;

/** Ajustes → Contabo: the API connection (write-only), a connection test, and the Contabo-facing settings. */
export function ContaboSettingsCard() {
  const { t } = useTranslation();
  const settings = useContaboSettings();
  return (
    <Card aria-labelledby="contabo-title" id="contabo" className="scroll-mt-20">
      <CardHeader>
        <CardTitle id="contabo-title">{t('ops.contabo.title')}</CardTitle>
        <p className="text-sm text-muted-foreground">{t('ops.contabo.subtitle')}</p>
      </CardHeader>
      <CardContent>
        {settings.isPending ? (
          <Skeleton className="h-40 w-full" />
        ) : settings.error ? (
          <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
        ) : (
          <ContaboForm settings={settings.data} />
        )}
      </CardContent>
    </Card>
  );
}

function ContaboForm({ settings }: { settings: ContaboSettings }) {
  const { t } = useTranslation();
  const save = useUpdateContaboSettings();
  const test = useTestContabo();
  const remove = useUpdateContaboSettings();
  const [confirmRemove, setConfirmRemove] = useState(false);
  const hasSaved = settings.editable && SECRETS.some((name) => settings.credentials[name].set);
  const [secrets, setSecrets] = useState<Record<(typeof SECRETS)[number], string>>({
    clientId: '',
    clientSecret: '',
    apiUser: '',
    apiPassword: '',
  });
  const [urls, setUrls] = useState({ authUrl: settings.authUrl, apiUrl: settings.apiUrl });
  const [tuning, setTuning] = useState({
    contractPeriod: settings.contractPeriod,
    syncIntervalMinutes: settings.syncIntervalMinutes,
    rateLimitPerSecond: settings.rateLimitPerSecond,
    cancelAtContabo: settings.cancelAtContabo,
  });
  const connection = (): ContaboSettingsInput => ({
    ...Object.fromEntries(Object.entries(secrets).filter(([, v]) => v.trim() !== '')),
    ...(settings.editable ? urls : {}),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (save.isPending) return;
    save.mutate(
      { ...(settings.editable ? connection() : {}), ...tuning },
      { onSuccess: () => setSecrets({ clientId: '', clientSecret: '', apiUser: '', apiPassword: '' }) },
    );
  };

  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-4" data-testid="contabo-settings">
      <p
        data-testid="contabo-mode"
        className="rounded-md border border-border bg-muted px-3 py-2 text-sm"
        role="status"
      >
        {settings.source === 'env'
          ? t('ops.contabo.fromEnv')
          : settings.mode === 'live'
            ? t('ops.contabo.live')
            : t('ops.contabo.simulated')}
      </p>
      <FormError error={save.error} />
      {settings.editable && (
        <div className="grid gap-4 sm:grid-cols-2">
          {SECRETS.map((name) => {
            const masked = settings.credentials[name];
            return (
              <TextField
                key={name}
                label={t(`ops.contabo.${name}`)}
                type={name === 'clientSecret' || name === 'apiPassword' ? 'password' : 'text'}
                autoComplete="off"
                optional
                hint={masked.set ? t('ops.contabo.saved', { last4: masked.last4 }) : t('ops.contabo.notSet')}
                value={secrets[name]}
                onChange={(e) => setSecrets({ ...secrets, [name]: e.target.value })}
              />
            );
          })}
          <TextField
            label={t('ops.contabo.authUrl')}
            value={urls.authUrl}
            onChange={(e) => setUrls({ ...urls, authUrl: e.target.value })}
          />
          <TextField
            label={t('ops.contabo.apiUrl')}
            value={urls.apiUrl}
            onChange={(e) => setUrls({ ...urls, apiUrl: e.target.value })}
          />
        </div>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <Button
          variant="outline"
          disabled={test.isPending}
          onClick={() => test.mutate(settings.editable ? connection() : {})}
        >
          {test.isPending ? t('ops.contabo.testing') : t('ops.contabo.test')}
        </Button>
        {hasSaved && (
          <Button variant="outline" onClick={() => setConfirmRemove(true)}>
            {t('ops.contabo.remove')}
          </Button>
        )}
      </div>
      <FormSuccess show={remove.isSuccess && !hasSaved}>{t('ops.contabo.removed')}</FormSuccess>
      <Dialog
        open={confirmRemove}
        onClose={() => setConfirmRemove(false)}
        busy={remove.isPending}
        title={t('ops.contabo.removeTitle')}
        description={t('ops.contabo.removeBody')}
        footer={
          <>
            <Button variant="outline" disabled={remove.isPending} onClick={() => setConfirmRemove(false)}>
              {t('actions.cancel')}
            </Button>
            <Button
              variant="danger"
              disabled={remove.isPending}
              onClick={() =>
                remove.mutate(
                  { clientId: '', clientSecret: '', apiUser: '', apiPassword: '' },
                  { onSuccess: () => setConfirmRemove(false) },
                )
              }
            >
              {t('ops.contabo.removeConfirm')}
            </Button>
          </>
        }
      >
        <FormError error={remove.error} />
      </Dialog>
      <FormError error={test.error} />
      {test.data && (
        <div
          data-testid="contabo-test-result"
          role="status"
          className="rounded-md border border-border p-3 text-sm"
        >
          {test.data.ok ? (
            <>
              <p className="font-medium">{t('ops.contabo.testOk', { count: test.data.total })}</p>
              <ul className="mt-2 list-disc pl-5">
                {test.data.instances.map((i) => (
                  <li key={i.instanceId}>
                    {i.displayName || i.name} — {i.status} ({i.region})
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p className="text-red-700 dark:text-red-400">
              {t(`ops.contabo.reason.${test.data.reason}`, { defaultValue: test.data.message })}
            </p>
          )}
        </div>
      )}
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField
          label={t('ops.contabo.contractPeriod')}
          value={String(tuning.contractPeriod)}
          onChange={(e) => setTuning({ ...tuning, contractPeriod: Number(e.target.value) as 1 | 12 | 24 })}
        >
          {[1, 12, 24].map((n) => (
            <option key={n} value={n}>
              {t('ops.contabo.months', { count: n })}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('ops.contabo.syncInterval')}
          type="number"
          min={1}
          max={60}
          value={tuning.syncIntervalMinutes}
          onChange={(e) => setTuning({ ...tuning, syncIntervalMinutes: Number(e.target.value) })}
        />
        <TextField
          label={t('ops.contabo.rateLimit')}
          type="number"
          min={0}
          max={50}
          step="0.5"
          value={tuning.rateLimitPerSecond}
          onChange={(e) => setTuning({ ...tuning, rateLimitPerSecond: Number(e.target.value) })}
        />
      </div>
      <CheckboxField
        label={t('ops.contabo.cancelAtContabo')}
        checked={tuning.cancelAtContabo}
        onChange={(e) => setTuning({ ...tuning, cancelAtContabo: e.target.checked })}
      />
      <FormSuccess show={save.isSuccess}>{t('ops.contabo.savedAll')}</FormSuccess>
      <SubmitButton className="self-start" pending={save.isPending} pendingLabel={t('form.saving')}>
        {t('ops.contabo.save')}
      </SubmitButton>
    </form>
  );
}
