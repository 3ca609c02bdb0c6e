import { Globe, Pencil } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRdns, useUpdateRdns, type RdnsRecord } from '../../../api/serverPage.ts';
import { TextField } from '../../../components/form/fields.tsx';
import { FormDialog } from '../../../components/form/FormDialog.tsx';
import { Button } from '../../../components/ui/Button.tsx';
import { CopyButton } from '../../../components/ui/CopyButton.tsx';
import { ErrorState } from '../../../components/ui/ErrorState.tsx';
import { Skeleton } from '../../../components/ui/Skeleton.tsx';
import { toast } from '../../../components/ui/Toast.tsx';
import { useServerContext } from './ServerLayout.tsx';
import { submitHandler } from '../../../components/form/FormBits.tsx';

const FQDN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** Red: the server's addresses and their reverse DNS names. */
export function NetworkTab() {
  const { t } = useTranslation();
  const { vps } = useServerContext();
  const rdns = useRdns(vps.id);
  const [editing, setEditing] = useState<RdnsRecord | null>(null);
  const facts: Array<[string, string | number | null]> = [
    [t('serverPage.network.ipv4'), vps.ipv4 ? `${vps.ipv4}/${vps.netmaskCidr ?? ''}` : null],
    [t('serverPage.network.gateway'), vps.gateway],
    [t('serverPage.network.ipv6'), vps.ipv6 ? `${vps.ipv6}/${vps.netmaskCidrV6 ?? ''}` : null],
    [t('serverPage.network.gatewayV6'), vps.gatewayV6],
    [t('serverPage.network.mac'), vps.macAddress],
  ];
  return (
    <section aria-labelledby="network-title" className="flex flex-col gap-6">
      <div className="flex flex-col gap-3">
        <h2 id="network-title" className="text-lg font-semibold">
          {t('serverPage.network.title')}
        </h2>
        <dl className="grid gap-x-6 gap-y-2 rounded-xl border border-border bg-card p-4 text-sm sm:grid-cols-[auto_1fr]">
          {facts
            .filter(([, value]) => value !== null && value !== '')
            .map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="text-muted-foreground">{label}</dt>
                <dd className="font-mono break-all">{value}</dd>
              </div>
            ))}
        </dl>
      </div>

      <div className="flex flex-col gap-3">
        <div className="flex flex-col gap-1">
          <h3 className="font-semibold">{t('serverPage.rdns.title')}</h3>
          <p className="text-sm text-muted-foreground">{t('serverPage.rdns.intro')}</p>
        </div>
        {rdns.isPending ? (
          <Skeleton className="h-24 w-full rounded-xl" />
        ) : rdns.error && !rdns.data ? (
          <ErrorState error={rdns.error} onRetry={() => void rdns.refetch()} />
        ) : (
          <ul className="flex flex-col gap-3" data-testid="rdns-list">
            {rdns.data.items.map((record) => (
              <li
                key={record.ip}
                data-testid="rdns-item"
                className="flex flex-col gap-2 rounded-xl border border-border bg-card p-4 sm:flex-row sm:items-center"
              >
                <Globe aria-hidden="true" className="hidden size-5 text-muted-foreground sm:block" />
                <div className="min-w-0 flex-1">
                  <p className="font-mono text-sm break-all">
                    {record.ip} <span className="text-muted-foreground">(IPv{record.version})</span>
                  </p>
                  <p className="text-sm break-all" data-testid="rdns-ptr">
                    {record.ptr ?? <span className="text-muted-foreground">{t('serverPage.rdns.none')}</span>}
                  </p>
                </div>
                <div className="flex gap-2">
                  {record.ptr && <CopyButton size="sm" variant="ghost" text={record.ptr} iconOnly />}
                  <Button
                    variant="outline"
                    size="sm"
                    disabled={vps.serviceStatus !== 'active'}
                    aria-label={t('serverPage.rdns.editLabel', { ip: record.ip })}
                    onClick={() => setEditing(record)}
                  >
                    <Pencil aria-hidden="true" />
                    {t('serverPage.rdns.edit')}
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
      {editing && <RdnsDialog vpsId={vps.id} record={editing} onClose={() => setEditing(null)} />}
    </section>
  );
}

function RdnsDialog({ vpsId, record, onClose }: { vpsId: string; record: RdnsRecord; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateRdns(vpsId);
  const [ptr, setPtr] = useState(record.ptr ?? '');
  const [invalid, setInvalid] = useState(false);
  return (
    <FormDialog
      title={t('serverPage.rdns.dialogTitle', { ip: record.ip })}
      description={t('serverPage.rdns.dialogText')}
      onClose={onClose}
      pending={update.isPending}
      error={update.error}
      submit={t('serverPage.rdns.save')}
      onSubmit={submitHandler(() => {
        const value = ptr.trim().toLowerCase().replace(/\.$/, '');
        if (!FQDN.test(value)) return setInvalid(true);
        if (update.isPending) return;
        update.mutate(
          { ip: record.ip, ptr: value },
          {
            onSuccess: () => {
              toast.success(t('serverPage.rdns.saved', { ip: record.ip }));
              onClose();
            },
          },
        );
      })}
    >
      <TextField
        label={t('serverPage.rdns.label')}
        hint={t('serverPage.rdns.hint')}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={253}
        autoFocus
        value={ptr}
        error={invalid ? t('serverPage.rdns.invalid') : undefined}
        onChange={(e) => {
          setPtr(e.target.value);
          setInvalid(false);
        }}
      />
    </FormDialog>
  );
}
