import { KeyRound, Plus, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { SshKey } from '../../../api/models.ts';
import { Button } from '../../../components/ui/Button.tsx';
import { Skeleton } from '../../../components/ui/Skeleton.tsx';
import type { CartItem } from '../../../lib/cart.ts';
import { cn } from '../../../lib/cn.ts';
import { checkNewKey, type CartErrorKey, type NewKeyError } from '../cartRules.ts';
import { controlClass, FieldMessage } from '../shopBits.tsx';
import { Field } from './CartField.tsx';

/** A line's SSH keys: saved ones to tick (signed in) and pasted ones, checked before they join the line. */
export function SshKeysFieldset({
  item,
  baseId,
  windows,
  signedIn,
  savedKeys,
  savedKeysPending,
  error,
  onChange,
}: {
  item: CartItem;
  baseId: string;
  windows: boolean;
  signedIn: boolean;
  savedKeys: SshKey[] | undefined;
  savedKeysPending: boolean;
  error: CartErrorKey | undefined;
  onChange: (patch: Pick<CartItem, 'sshKeyIds'> | Pick<CartItem, 'sshPublicKeys'>) => void;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState('');
  const [publicKey, setPublicKey] = useState('');
  const [newErrors, setNewErrors] = useState<{ name?: NewKeyError; publicKey?: NewKeyError }>({});
  const errorId = `${baseId}-ssh-error`;
  const next = encodeURIComponent(`${location.pathname}${location.search}`);

  const addKey = () => {
    const problems = checkNewKey(name, publicKey, [...item.sshPublicKeys, ...(savedKeys ?? [])]);
    setNewErrors(problems);
    if (problems.name || problems.publicKey) return;
    onChange({ sshPublicKeys: [...item.sshPublicKeys, { name: name.trim(), publicKey: publicKey.trim() }] });
    setName('');
    setPublicKey('');
    setAdding(false);
  };

  return (
    <fieldset
      className="flex min-w-0 flex-col gap-3"
      aria-describedby={error ? errorId : undefined}
      data-testid="cart-ssh"
    >
      <legend className="mb-1 flex items-center gap-2 text-sm font-medium">
        <KeyRound aria-hidden="true" className="size-4 text-muted-foreground" />
        {t('cart.sshTitle')} <span className="font-normal text-muted-foreground">{t('form.optional')}</span>
      </legend>
      <p className="text-xs text-muted-foreground">
        {windows ? t('cart.sshWindowsNote') : t('cart.sshHelp')}
      </p>

      {signedIn ? (
        savedKeysPending ? (
          <Skeleton className="h-11 w-full" />
        ) : savedKeys && savedKeys.length > 0 ? (
          <ul className="flex flex-col gap-1.5">
            {savedKeys.map((key) => {
              const checked = item.sshKeyIds.includes(key.id);
              return (
                <li key={key.id}>
                  <label className="flex min-h-11 cursor-pointer items-center gap-3 rounded-lg border border-border px-3 py-2 text-sm has-[:checked]:border-primary has-[:checked]:bg-accent/50">
                    <input
                      type="checkbox"
                      checked={checked}
                      onChange={(event) =>
                        onChange({
                          sshKeyIds: event.target.checked
                            ? [...item.sshKeyIds, key.id]
                            : item.sshKeyIds.filter((id) => id !== key.id),
                        })
                      }
                      className="size-4 shrink-0 accent-primary"
                    />
                    <span className="min-w-0">
                      <span className="block font-medium break-all">{key.name}</span>
                      <span className="block font-mono text-xs break-all text-muted-foreground">
                        {key.fingerprint}
                      </span>
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
        ) : (
          <p className="text-sm text-muted-foreground">{t('cart.sshNoSaved')}</p>
        )
      ) : (
        <p className="text-sm text-muted-foreground">
          <Link
            to={`/login?next=${next}`}
            className="font-medium text-primary underline-offset-2 hover:underline"
          >
            {t('cart.sshSignIn')}
          </Link>{' '}
          {t('cart.sshSignInRest')}
        </p>
      )}

      {item.sshPublicKeys.length > 0 && (
        <ul className="flex flex-col gap-1.5">
          {item.sshPublicKeys.map((key, i) => (
            <li
              key={`${key.name}-${i}`}
              className="flex items-center gap-3 rounded-lg border border-border px-3 py-2 text-sm"
            >
              <KeyRound aria-hidden="true" className="size-4 shrink-0 text-muted-foreground" />
              <span className="min-w-0 flex-1">
                <span className="block font-medium break-all">{key.name}</span>
                <span className="block truncate font-mono text-xs text-muted-foreground">
                  {key.publicKey}
                </span>
              </span>
              <Button
                variant="ghost"
                size="sm"
                aria-label={t('cart.sshRemoveLabel', { name: key.name })}
                onClick={() => onChange({ sshPublicKeys: item.sshPublicKeys.filter((_, j) => j !== i) })}
              >
                <Trash2 aria-hidden="true" />
              </Button>
            </li>
          ))}
        </ul>
      )}

      {adding ? (
        <div className="flex flex-col gap-3 rounded-lg border border-dashed border-border p-3">
          <Field id={`${baseId}-key-name`} label={t('cart.sshName')} error={newErrors.name}>
            <input
              id={`${baseId}-key-name`}
              value={name}
              autoComplete="off"
              placeholder={t('account.sshKeys.namePlaceholder')}
              aria-invalid={newErrors.name ? true : undefined}
              onChange={(event) => setName(event.target.value)}
              className={cn(controlClass, 'h-11 sm:max-w-sm')}
            />
          </Field>
          <Field
            id={`${baseId}-key`}
            label={t('cart.sshPublicKey')}
            hint={t('account.sshKeys.publicKeyHint')}
            error={newErrors.publicKey}
          >
            <textarea
              id={`${baseId}-key`}
              value={publicKey}
              rows={3}
              spellCheck={false}
              autoCapitalize="none"
              placeholder="ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA… usuario@equipo"
              aria-invalid={newErrors.publicKey ? true : undefined}
              aria-describedby={`${baseId}-key-hint${newErrors.publicKey ? ` ${baseId}-key-error` : ''}`}
              onChange={(event) => setPublicKey(event.target.value)}
              className={cn(controlClass, 'min-h-20 py-2.5 font-mono text-sm break-all')}
            />
          </Field>
          <div className="flex flex-wrap gap-2">
            <Button size="sm" onClick={addKey}>
              <Plus aria-hidden="true" />
              {t('cart.sshAdd')}
            </Button>
            <Button
              variant="ghost"
              size="sm"
              onClick={() => {
                setAdding(false);
                setNewErrors({});
              }}
            >
              {t('actions.cancel')}
            </Button>
          </div>
        </div>
      ) : (
        <Button variant="outline" size="sm" className="self-start" onClick={() => setAdding(true)}>
          <Plus aria-hidden="true" />
          {t('cart.sshPaste')}
        </Button>
      )}
      {error && <FieldMessage id={errorId} message={error} />}
    </fieldset>
  );
}
