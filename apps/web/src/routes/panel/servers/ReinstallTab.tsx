import { AlertTriangle, RotateCcw } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSshKeys } from '../../../api/account.ts';
import { useImages, useReinstall, type ReinstallBody } from '../../../api/serverPage.ts';
import {
  CheckboxField,
  PasswordField,
  SelectField,
  TextareaField,
} from '../../../components/form/fields.tsx';
import { FormError, SubmitButton, submitHandler } from '../../../components/form/FormBits.tsx';
import { Button } from '../../../components/ui/Button.tsx';
import { CopyButton } from '../../../components/ui/CopyButton.tsx';
import { Dialog } from '../../../components/ui/Dialog.tsx';
import { toast } from '../../../components/ui/Toast.tsx';
import { actionsBlocked, serverName } from '../../../lib/vps.ts';
import { useServerContext } from './ServerLayout.tsx';
import { ConfirmNameField } from './serverBits.tsx';

const USER_DATA_MAX = 16_384;

/** Reinstalar: choose the system, credentials and cloud-init; confirmed with the server name and your password. */
export function ReinstallTab() {
  const { t } = useTranslation();
  const { vps } = useServerContext();
  const images = useImages();
  const keys = useSshKeys();
  const [imageId, setImageId] = useState('');
  const [generate, setGenerate] = useState(true);
  const [rootPassword, setRootPassword] = useState('');
  const [sshKeyIds, setSshKeyIds] = useState<string[]>([]);
  const [userData, setUserData] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [generated, setGenerated] = useState<string | null>(null);
  const blocked = actionsBlocked(vps);
  const chosen = imageId || images.data?.items[0]?.id || '';
  const tooLong = new TextEncoder().encode(userData).length > USER_DATA_MAX;

  const body: Omit<ReinstallBody, 'confirm' | 'password'> = {
    imageId: chosen,
    sshKeyIds,
    ...(generate ? { generate: true as const } : { rootPassword }),
    ...(userData.trim() ? { userData } : {}),
  };

  return (
    <section aria-labelledby="reinstall-title" className="flex max-w-2xl flex-col gap-4">
      <div className="flex flex-col gap-1">
        <h2 id="reinstall-title" className="text-lg font-semibold">
          {t('serverPage.reinstall.title')}
        </h2>
        <p className="flex gap-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
          <AlertTriangle aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          {t('serverPage.reinstall.warning', { name: serverName(vps) })}
        </p>
      </div>
      <form
        noValidate
        className="flex flex-col gap-4"
        onSubmit={submitHandler(() => {
          if (chosen && !tooLong && (generate || rootPassword)) setConfirming(true);
        })}
      >
        <SelectField
          label={t('serverPage.reinstall.image')}
          value={chosen}
          onChange={(e) => setImageId(e.target.value)}
        >
          {images.data?.items.map((image) => (
            <option key={image.id} value={image.id}>
              {image.name}
            </option>
          ))}
        </SelectField>
        <CheckboxField
          label={t('serverPage.reinstall.generate')}
          checked={generate}
          onChange={(e) => setGenerate(e.target.checked)}
        />
        {!generate && (
          <PasswordField
            label={t('serverPage.reinstall.rootPassword')}
            hint={t('serverPage.reinstall.rootPasswordHint')}
            autoComplete="new-password"
            value={rootPassword}
            onChange={(e) => setRootPassword(e.target.value)}
          />
        )}
        {(keys.data?.items.length ?? 0) > 0 && (
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1 text-sm font-medium">{t('serverPage.reinstall.sshKeys')}</legend>
            {keys.data!.items.map((key) => (
              <CheckboxField
                key={key.id}
                label={key.name}
                checked={sshKeyIds.includes(key.id)}
                onChange={(e) =>
                  setSshKeyIds((ids) =>
                    e.target.checked ? [...ids, key.id] : ids.filter((x) => x !== key.id),
                  )
                }
              />
            ))}
          </fieldset>
        )}
        <TextareaField
          label={t('serverPage.reinstall.userData')}
          hint={t('serverPage.reinstall.userDataHint')}
          optional
          rows={4}
          value={userData}
          error={tooLong ? t('serverPage.reinstall.userDataTooLong') : undefined}
          onChange={(e) => setUserData(e.target.value)}
        />
        <Button type="submit" variant="danger" className="self-start" disabled={blocked !== null || !chosen}>
          <RotateCcw aria-hidden="true" />
          {t('serverPage.reinstall.submit')}
        </Button>
      </form>
      {confirming && (
        <ConfirmReinstall
          vpsId={vps.id}
          name={serverName(vps)}
          body={body}
          onClose={() => setConfirming(false)}
          onDone={(password) => {
            setConfirming(false);
            setGenerated(password);
            toast.success(t('serverPage.reinstall.started'));
          }}
        />
      )}
      {generated && (
        <Dialog
          open
          onClose={() => setGenerated(null)}
          title={t('serverPage.reinstall.generatedTitle')}
          description={t('serverPage.reinstall.generatedText')}
        >
          <p className="flex flex-wrap items-center gap-2">
            <code data-testid="generated-password" className="break-all">
              {generated}
            </code>
            <CopyButton size="sm" variant="ghost" text={generated} />
          </p>
        </Dialog>
      )}
    </section>
  );
}

function ConfirmReinstall({
  vpsId,
  name,
  body,
  onClose,
  onDone,
}: {
  vpsId: string;
  name: string;
  body: Omit<ReinstallBody, 'confirm' | 'password'>;
  onClose: () => void;
  onDone: (generatedPassword: string | null) => void;
}) {
  const { t } = useTranslation();
  const reinstall = useReinstall(vpsId);
  const [confirm, setConfirm] = useState('');
  const [password, setPassword] = useState('');
  return (
    <Dialog
      open
      onClose={onClose}
      busy={reinstall.isPending}
      title={t('serverPage.reinstall.confirmTitle', { name })}
      description={t('serverPage.reinstall.confirmText', { name })}
    >
      <form
        noValidate
        className="flex flex-col gap-4"
        onSubmit={submitHandler(() => {
          if (reinstall.isPending || confirm.trim() !== name || !password) return;
          reinstall.mutate(
            { ...body, confirm: confirm.trim(), password },
            { onSuccess: (result) => onDone(result.generatedPassword) },
          );
        })}
      >
        <FormError error={reinstall.error} />
        <ConfirmNameField serverName={name} value={confirm} onChange={(e) => setConfirm(e.target.value)} />
        <PasswordField
          label={t('serverPage.accountPassword')}
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="outline" onClick={onClose} disabled={reinstall.isPending}>
            {t('actions.cancel')}
          </Button>
          <SubmitButton
            variant="danger"
            pending={reinstall.isPending}
            disabled={confirm.trim() !== name || !password}
          >
            {t('serverPage.reinstall.confirm')}
          </SubmitButton>
        </div>
      </form>
    </Dialog>
  );
}
