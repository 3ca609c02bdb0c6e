import { zodResolver } from '@hookform/resolvers/zod';
import { KeyRound, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useAddSshKey, useDeleteSshKey, useSshKeys } from '../../../api/account.ts';
import type { SshKey } from '../../../api/models.ts';
import { TextareaField, TextField } from '../../../components/form/fields.tsx';
import { ConfirmFooter } from '../../../components/form/ConfirmFooter.tsx';
import { FormError, FormSuccess, SubmitButton } from '../../../components/form/FormBits.tsx';
import { requiredText, submitToMutation } from '../../../components/form/validation.ts';
import { Badge } from '../../../components/ui/Badge.tsx';
import { Button } from '../../../components/ui/Button.tsx';
import { Dialog } from '../../../components/ui/Dialog.tsx';
import { EmptyState } from '../../../components/ui/EmptyState.tsx';
import { ErrorState } from '../../../components/ui/ErrorState.tsx';
import { Skeleton } from '../../../components/ui/Skeleton.tsx';
import { useFormat } from '../../../lib/format.ts';
import { Section } from './AccountLayout.tsx';

const KEY_PREFIX =
  /^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com)\s+\S+/;

const schema = z.object({
  name: requiredText(100),
  publicKey: z
    .string()
    .trim()
    .min(1, 'validation.required')
    .max(16_384, 'validation.tooLong')
    .refine((value) => !value.includes('PRIVATE KEY'), 'validation.sshKeyPrivate')
    .refine((value) => value.includes('PRIVATE KEY') || KEY_PREFIX.test(value), 'validation.sshKey'),
});
type Values = z.infer<typeof schema>;

export function SshKeysPage() {
  const { t } = useTranslation();
  const keys = useSshKeys();
  const [toDelete, setToDelete] = useState<SshKey | null>(null);
  const [deletedName, setDeletedName] = useState<string | null>(null);

  return (
    <div className="flex flex-col gap-6">
      <title>{t('account.sshKeys.documentTitle')}</title>
      <AddKeyForm onAdded={() => setDeletedName(null)} />

      <Section
        headingId="ssh-list-title"
        title={t('account.sshKeys.listTitle')}
        aside={
          keys.data ? <Badge>{t('account.sshKeys.count', { count: keys.data.items.length })}</Badge> : null
        }
      >
        <FormSuccess show={deletedName !== null}>
          {t('account.sshKeys.deleted', { name: deletedName ?? '' })}
        </FormSuccess>
        {keys.isPending ? (
          <div aria-busy="true" className="flex flex-col gap-3">
            <Skeleton className="h-16 w-full" />
            <Skeleton className="h-16 w-full" />
          </div>
        ) : keys.error ? (
          <ErrorState error={keys.error} onRetry={() => void keys.refetch()} />
        ) : keys.data.items.length === 0 ? (
          <EmptyState
            icon={KeyRound}
            title={t('account.sshKeys.emptyTitle')}
            description={t('account.sshKeys.emptyText')}
          />
        ) : (
          <KeyList keys={keys.data.items} onDelete={setToDelete} />
        )}
      </Section>

      <DeleteKeyDialog
        sshKey={toDelete}
        onClose={() => setToDelete(null)}
        onDeleted={(name) => {
          setToDelete(null);
          setDeletedName(name);
        }}
      />
    </div>
  );
}

function AddKeyForm({ onAdded }: { onAdded: () => void }) {
  const { t } = useTranslation();
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { name: '', publicKey: '' } });
  const mutation = useAddSshKey();
  const { errors } = form.formState;
  return (
    <Section
      headingId="ssh-add-title"
      title={t('account.sshKeys.addTitle')}
      description={t('account.sshKeys.description')}
    >
      <form
        noValidate
        className="flex flex-col gap-4"
        onSubmit={submitToMutation(form, mutation, {
          resetOnSuccess: true,
          onSuccess: onAdded,
          fields: ['name', 'publicKey'],
          codeFields: {
            invalid_ssh_key: 'publicKey',
            conflict: { field: 'publicKey', message: 'validation.sshKeyDuplicate' },
          },
        })}
      >
        {mutation.error && <FormError error={mutation.error} />}
        <FormSuccess show={mutation.isSuccess && !form.formState.isDirty}>
          {t('account.sshKeys.added', { name: mutation.data?.name ?? '' })}
        </FormSuccess>
        <TextField
          label={t('account.sshKeys.name')}
          placeholder={t('account.sshKeys.namePlaceholder')}
          autoComplete="off"
          className="sm:max-w-sm"
          error={errors.name?.message}
          {...form.register('name')}
        />
        <TextareaField
          label={t('account.sshKeys.publicKey')}
          hint={t('account.sshKeys.publicKeyHint')}
          placeholder="ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA… usuario@equipo"
          spellCheck={false}
          autoCapitalize="none"
          autoComplete="off"
          rows={4}
          error={errors.publicKey?.message}
          {...form.register('publicKey')}
        />
        <div>
          <SubmitButton pending={mutation.isPending} pendingLabel={t('account.sshKeys.adding')}>
            {t('account.sshKeys.add')}
          </SubmitButton>
        </div>
      </form>
    </Section>
  );
}

/** A table on desktop, cards on phones. */
function KeyList({ keys, onDelete }: { keys: SshKey[]; onDelete: (key: SshKey) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <>
      <table className="hidden w-full text-left text-sm md:table">
        <thead className="border-b border-border text-xs text-muted-foreground uppercase">
          <tr>
            <th scope="col" className="py-2 pr-4 font-medium">
              {t('account.sshKeys.colName')}
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              {t('account.sshKeys.colFingerprint')}
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              {t('account.sshKeys.colType')}
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              {t('account.sshKeys.colCreated')}
            </th>
            <th scope="col" className="py-2 font-medium">
              <span className="sr-only">{t('account.sshKeys.colActions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <tr key={key.id} data-testid="ssh-key-row" className="border-b border-border last:border-0">
              <td className="py-3 pr-4 font-medium break-all">{key.name}</td>
              <td className="py-3 pr-4 font-mono text-xs break-all">{key.fingerprint}</td>
              <td className="py-3 pr-4">
                <Badge>{key.type}</Badge>
              </td>
              <td className="py-3 pr-4 whitespace-nowrap">
                <time dateTime={key.createdAt}>{format.date(key.createdAt)}</time>
              </td>
              <td className="py-3 text-right">
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={t('account.sshKeys.deleteLabel', { name: key.name })}
                  className="text-red-700 hover:bg-red-50 dark:text-red-300 dark:hover:bg-red-950"
                  onClick={() => onDelete(key)}
                >
                  <Trash2 aria-hidden="true" />
                  {t('account.sshKeys.delete')}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="flex flex-col gap-3 md:hidden">
        {keys.map((key) => (
          <li
            key={key.id}
            data-testid="ssh-key-card"
            className="flex flex-col gap-2 rounded-lg border border-border p-4"
          >
            <div className="flex items-start justify-between gap-3">
              <span className="font-medium break-all">{key.name}</span>
              <Badge>{key.type}</Badge>
            </div>
            <dl className="grid gap-1 text-sm">
              <div>
                <dt className="text-xs text-muted-foreground">{t('account.sshKeys.colFingerprint')}</dt>
                <dd className="font-mono text-xs break-all">{key.fingerprint}</dd>
              </div>
              <div>
                <dt className="text-xs text-muted-foreground">{t('account.sshKeys.colCreated')}</dt>
                <dd>
                  <time dateTime={key.createdAt}>{format.date(key.createdAt)}</time>
                </dd>
              </div>
            </dl>
            <Button
              variant="outline"
              size="sm"
              aria-label={t('account.sshKeys.deleteLabel', { name: key.name })}
              className="self-start text-red-700 dark:text-red-300"
              onClick={() => onDelete(key)}
            >
              <Trash2 aria-hidden="true" />
              {t('account.sshKeys.delete')}
            </Button>
          </li>
        ))}
      </ul>
    </>
  );
}

function DeleteKeyDialog({
  sshKey,
  onClose,
  onDeleted,
}: {
  sshKey: SshKey | null;
  onClose: () => void;
  onDeleted: (name: string) => void;
}) {
  const { t } = useTranslation();
  const mutation = useDeleteSshKey();
  // Keep the last key while the dialog closes, so its text does not flash empty.
  const [shown, setShown] = useState<SshKey | null>(sshKey);
  if (sshKey && sshKey !== shown) setShown(sshKey);
  const name = shown?.name ?? '';
  return (
    <Dialog
      open={sshKey !== null}
      onClose={() => {
        mutation.reset();
        onClose();
      }}
      busy={mutation.isPending}
      title={t('account.sshKeys.deleteTitle', { name })}
      description={t('account.sshKeys.deleteText')}
      footer={
        <ConfirmFooter
          inForm
          onCancel={onClose}
          onConfirm={() => {
            if (shown) mutation.mutate(shown.id, { onSuccess: () => onDeleted(shown.name) });
          }}
          pending={mutation.isPending}
          pendingLabel={t('account.sshKeys.deleting')}
        >
          <Trash2 aria-hidden="true" />
          {t('account.sshKeys.delete')}
        </ConfirmFooter>
      }
    >
      {shown && (
        <p className="rounded-md bg-muted px-3 py-2 font-mono text-xs break-all">{shown.fingerprint}</p>
      )}
      {mutation.error && <FormError error={mutation.error} />}
    </Dialog>
  );
}
