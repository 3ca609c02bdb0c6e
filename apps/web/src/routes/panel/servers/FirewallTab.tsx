import { Plus, Shield, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useFirewall,
  useFirewallMutation,
  type Firewall,
  type FirewallInput,
  type FirewallPreset,
  type FirewallProtocol,
} from '../../../api/serverPage.ts';
import { CheckboxField } from '../../../components/form/fields.tsx';
import { controlClass } from '../../../components/form/fields.tsx';
import { FormError, SubmitButton, submitHandler } from '../../../components/form/FormBits.tsx';
import { Button } from '../../../components/ui/Button.tsx';
import { Dialog } from '../../../components/ui/Dialog.tsx';
import { ErrorState } from '../../../components/ui/ErrorState.tsx';
import { Skeleton } from '../../../components/ui/Skeleton.tsx';
import { toast } from '../../../components/ui/Toast.tsx';
import { cn } from '../../../lib/cn.ts';
import { serverName } from '../../../lib/vps.ts';
import { useServerContext } from './ServerLayout.tsx';
import { ConfirmFooter } from '../../../components/form/ConfirmFooter.tsx';

const PRESETS: FirewallPreset[] = ['ssh', 'web', 'rdp'];
type DraftRule = { protocol: FirewallProtocol; ports: string; sources: string; description: string };
const split = (s: string) =>
  s
    .split(/[\s,]+/)
    .map((x) => x.trim())
    .filter(Boolean);

/** Firewall: one per server — presets, custom inbound rules, on/off and removal. */
export function FirewallTab() {
  const { t } = useTranslation();
  const { vps } = useServerContext();
  const query = useFirewall(vps.id);
  const mutation = useFirewallMutation(vps.id);
  const [removing, setRemoving] = useState(false);
  const firewall = query.data?.firewall ?? null;
  const disabled = vps.serviceStatus !== 'active' || mutation.isPending;
  const save = (kind: 'create' | 'update', body: FirewallInput, message: string) =>
    mutation.mutate({ kind, body }, { onSuccess: () => toast.success(message) });

  return (
    <section aria-labelledby="firewall-title" className="flex flex-col gap-4">
      <div className="flex flex-col gap-1">
        <h2 id="firewall-title" className="text-lg font-semibold">
          {t('serverPage.firewall.title')}
        </h2>
        <p className="text-sm text-muted-foreground">{t('serverPage.firewall.intro')}</p>
      </div>
      <FormError error={mutation.error} />
      {query.isPending ? (
        <Skeleton className="h-40 w-full rounded-xl" />
      ) : query.error && !query.data ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          <div className="flex flex-col gap-2">
            <p className="text-sm font-medium">{t('serverPage.firewall.presets')}</p>
            <div className="flex flex-wrap gap-2">
              {PRESETS.map((preset) => (
                <Button
                  key={preset}
                  variant={firewall?.preset === preset ? 'primary' : 'outline'}
                  disabled={disabled}
                  onClick={() =>
                    save(firewall ? 'update' : 'create', { preset }, t('serverPage.firewall.saved'))
                  }
                >
                  <Shield aria-hidden="true" />
                  {t(`serverPage.firewall.preset.${preset}`)}
                </Button>
              ))}
            </div>
          </div>
          {firewall ? (
            <>
              <CheckboxField
                label={t('serverPage.firewall.enabled')}
                checked={firewall.enabled}
                disabled={disabled}
                onChange={(e) =>
                  save('update', { enabled: e.target.checked }, t('serverPage.firewall.saved'))
                }
              />
              <RulesEditor
                key={firewall.updatedAt}
                firewall={firewall}
                pending={mutation.isPending}
                disabled={disabled}
                onSave={(rules) => save('update', { rules }, t('serverPage.firewall.saved'))}
              />
              <Button
                variant="ghost"
                className="self-start text-red-700 dark:text-red-300"
                disabled={disabled}
                onClick={() => setRemoving(true)}
              >
                <Trash2 aria-hidden="true" />
                {t('serverPage.firewall.remove')}
              </Button>
            </>
          ) : (
            <p className="text-sm text-muted-foreground" data-testid="firewall-none">
              {t('serverPage.firewall.none')}
            </p>
          )}
        </>
      )}
      {removing && (
        <Dialog
          open
          onClose={() => setRemoving(false)}
          busy={mutation.isPending}
          title={t('serverPage.firewall.removeTitle')}
          description={t('serverPage.firewall.removeText', { name: serverName(vps) })}
          footer={
            <ConfirmFooter
              onCancel={() => setRemoving(false)}
              onConfirm={() => mutation.mutate({ kind: 'remove' }, { onSuccess: () => setRemoving(false) })}
              pending={mutation.isPending}
            >
              {t('serverPage.firewall.removeConfirm')}
            </ConfirmFooter>
          }
        />
      )}
    </section>
  );
}

function RulesEditor({
  firewall,
  pending,
  disabled,
  onSave,
}: {
  firewall: Firewall;
  pending: boolean;
  disabled: boolean;
  onSave: (rules: NonNullable<FirewallInput['rules']>) => void;
}) {
  const { t } = useTranslation();
  const [rules, setRules] = useState<DraftRule[]>(
    firewall.rules.map((r) => ({
      protocol: r.protocol,
      ports: r.ports.join(', '),
      sources: r.sources.join(', '),
      description: r.description ?? '',
    })),
  );
  const set = (i: number, patch: Partial<DraftRule>) =>
    setRules((all) => all.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  return (
    <form
      noValidate
      className="flex flex-col gap-3"
      onSubmit={submitHandler(() => {
        onSave(
          rules.map((r) => ({
            protocol: r.protocol,
            ports: r.protocol === 'icmp' ? [] : split(r.ports),
            sources: split(r.sources),
            description: r.description.trim() || null,
          })),
        );
      })}
    >
      <p className="text-sm font-medium">{t('serverPage.firewall.rules')}</p>
      <ul className="flex flex-col gap-3" data-testid="firewall-rules">
        {rules.map((rule, i) => (
          <li
            key={i}
            className="grid gap-2 rounded-xl border border-border bg-card p-3 sm:grid-cols-[8rem_1fr_1fr_1fr_auto]"
          >
            <select
              aria-label={t('serverPage.firewall.protocol')}
              className={cn(controlClass, 'h-11')}
              value={rule.protocol}
              onChange={(e) => set(i, { protocol: e.target.value as FirewallProtocol })}
            >
              {(['tcp', 'udp', 'icmp', 'any'] as const).map((p) => (
                <option key={p} value={p}>
                  {t(`serverPage.firewall.protocols.${p}`)}
                </option>
              ))}
            </select>
            <input
              aria-label={t('serverPage.firewall.ports')}
              placeholder={t('serverPage.firewall.portsHint')}
              className={cn(controlClass, 'h-11')}
              value={rule.ports}
              disabled={rule.protocol === 'icmp'}
              onChange={(e) => set(i, { ports: e.target.value })}
            />
            <input
              aria-label={t('serverPage.firewall.sources')}
              placeholder={t('serverPage.firewall.sourcesHint')}
              className={cn(controlClass, 'h-11')}
              value={rule.sources}
              onChange={(e) => set(i, { sources: e.target.value })}
            />
            <input
              aria-label={t('serverPage.firewall.description')}
              placeholder={t('serverPage.firewall.description')}
              maxLength={100}
              className={cn(controlClass, 'h-11')}
              value={rule.description}
              onChange={(e) => set(i, { description: e.target.value })}
            />
            <Button
              variant="ghost"
              size="icon"
              aria-label={t('serverPage.firewall.removeRule')}
              onClick={() => setRules((all) => all.filter((_, k) => k !== i))}
            >
              <Trash2 aria-hidden="true" />
            </Button>
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        <Button
          variant="outline"
          disabled={disabled}
          onClick={() =>
            setRules((all) => [...all, { protocol: 'tcp', ports: '', sources: '', description: '' }])
          }
        >
          <Plus aria-hidden="true" />
          {t('serverPage.firewall.addRule')}
        </Button>
        <SubmitButton pending={pending} disabled={disabled}>
          {t('serverPage.firewall.saveRules')}
        </SubmitButton>
      </div>
    </form>
  );
}
