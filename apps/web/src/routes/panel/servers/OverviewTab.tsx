import { zodResolver } from '@hookform/resolvers/zod';
import { Eye, EyeOff, MonitorX } from 'lucide-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { Vps, VpsCredentials } from '../../../api/models.ts';
import { useCredentials } from '../../../api/vps.ts';
import { PasswordField } from '../../../components/form/fields.tsx';
import { FormError, SubmitButton } from '../../../components/form/FormBits.tsx';
import { currentPasswordSchema, submitToMutation } from '../../../components/form/validation.ts';
import { Button } from '../../../components/ui/Button.tsx';
import { Card, CardContent, CardHeader, CardTitle } from '../../../components/ui/Card.tsx';
import { CopyButton } from '../../../components/ui/CopyButton.tsx';
import { Dialog } from '../../../components/ui/Dialog.tsx';
import { useFormat } from '../../../lib/format.ts';
import { useRegionText } from '../../../lib/regions.ts';
import { serverName } from '../../../lib/vps.ts';
import { RenewalCard } from './RenewalCard.tsx';
import { ServerActions } from './serverActions.tsx';
import { CopyValue, Fact, Facts } from './serverBits.tsx';
import { useServerContext } from './ServerLayout.tsx';

/** IPv4 prefix length as a dotted mask (24 → 255.255.255.0). */
export function cidrToMask(cidr: number): string {
  const bits = Math.max(0, Math.min(32, cidr));
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return [24, 16, 8, 0].map((shift) => (mask >>> shift) & 255).join('.');
}

/**
 * Resumen: actions, renewal, network, access (with the root password behind the account password), system and VNC.
 */
export function OverviewTab() {
  const { vps } = useServerContext();
  return (
    <div className="flex flex-col gap-6">
      <ServerActions vps={vps} />
      <RenewalCard vps={vps} />
      <div className="grid gap-6 lg:grid-cols-2">
        <NetworkCard vps={vps} />
        <AccessCard vps={vps} />
        <SystemCard vps={vps} />
        <VncCard vps={vps} />
      </div>
    </div>
  );
}

function NetworkCard({ vps }: { vps: Vps }) {
  const { t } = useTranslation();
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('servers.network.title')}</CardTitle>
      </CardHeader>
      <CardContent>
        <Facts>
          <Fact label={t('servers.ipv4')}>
            <CopyValue value={vps.ipv4} label={t('servers.ipv4')} />
          </Fact>
          <Fact label={t('servers.network.ipv6')}>
            <CopyValue
              value={
                vps.ipv6 ? `${vps.ipv6}${vps.netmaskCidrV6 != null ? `/${vps.netmaskCidrV6}` : ''}` : null
              }
              label={t('servers.network.ipv6')}
            />
          </Fact>
          <Fact label={t('servers.network.gateway')}>
            <CopyValue value={vps.gateway} label={t('servers.network.gateway')} />
          </Fact>
          {vps.gatewayV6 && (
            <Fact label={t('servers.network.gatewayV6')}>
              <CopyValue value={vps.gatewayV6} label={t('servers.network.gatewayV6')} />
            </Fact>
          )}
          <Fact label={t('servers.network.netmask')}>
            <CopyValue
              value={vps.netmaskCidr != null ? `${cidrToMask(vps.netmaskCidr)} (/${vps.netmaskCidr})` : null}
              label={t('servers.network.netmask')}
            />
          </Fact>
          <Fact label={t('servers.network.mac')}>
            <CopyValue value={vps.macAddress} label={t('servers.network.mac')} />
          </Fact>
        </Facts>
      </CardContent>
    </Card>
  );
}

function isWindows(vps: Vps): boolean {
  return /windows/i.test(vps.osType ?? '') || /windows/i.test(vps.imageName ?? '');
}

function AccessCard({ vps }: { vps: Vps }) {
  const { t } = useTranslation();
  const [credentials, setCredentials] = useState<VpsCredentials | null>(null);
  const [asking, setAsking] = useState(false);
  const [visible, setVisible] = useState(false);
  // Windows servers are reached with Remote Desktop as Administrator, not with SSH as root.
  const windows = isWindows(vps);
  const user = credentials?.defaultUser ?? vps.defaultUser ?? (windows ? 'Administrator' : null);
  const ssh = vps.ipv4 ? `ssh ${user ?? 'root'}@${vps.ipv4}` : null;
  const rdp = vps.ipv4 ? `${vps.ipv4}:3389` : null;
  const passwordLabel = windows ? t('windowsAccess.password') : t('servers.access.password');
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('servers.access.title')}</CardTitle>
      </CardHeader>
      <CardContent>
        <Facts>
          <Fact label={t('servers.access.user')}>
            <CopyValue value={user} label={t('servers.access.user')} />
          </Fact>
          {windows ? (
            <Fact label={t('windowsAccess.rdp')}>
              <CopyValue value={rdp} label={t('windowsAccess.rdp')} />
            </Fact>
          ) : (
            <Fact label={t('servers.access.ssh')}>
              <CopyValue value={ssh} label={t('servers.access.ssh')} />
            </Fact>
          )}
          <Fact label={passwordLabel}>
            {credentials ? (
              credentials.rootPassword ? (
                <span className="flex min-w-0 flex-wrap items-center gap-2">
                  <code data-testid="root-password" className="min-w-0 font-mono text-sm break-all">
                    {visible ? credentials.rootPassword : '•'.repeat(12)}
                  </code>
                  <Button
                    variant="outline"
                    size="icon"
                    className="size-9"
                    aria-label={visible ? t('form.hidePassword') : t('form.showPassword')}
                    aria-pressed={visible}
                    onClick={() => setVisible((value) => !value)}
                  >
                    {visible ? <EyeOff aria-hidden="true" /> : <Eye aria-hidden="true" />}
                  </Button>
                  <CopyButton
                    text={credentials.rootPassword}
                    iconOnly
                    className="size-9"
                    label={t('servers.copyLabel', { what: passwordLabel })}
                    copiedLabel={t('servers.copiedLabel', { what: passwordLabel })}
                  />
                </span>
              ) : (
                <span className="text-muted-foreground">{t('servers.access.noPassword')}</span>
              )
            ) : vps.hasRootPassword ? (
              <Button variant="outline" size="sm" onClick={() => setAsking(true)}>
                <Eye aria-hidden="true" />
                {t('servers.access.reveal')}
              </Button>
            ) : (
              <span className="text-muted-foreground">{t('servers.access.noPassword')}</span>
            )}
          </Fact>
        </Facts>
        {windows && <p className="mt-3 text-sm text-muted-foreground">{t('windowsAccess.hint')}</p>}
      </CardContent>
      {asking && (
        <StepUpDialog
          vps={vps}
          onClose={() => setAsking(false)}
          onRevealed={(result) => {
            setCredentials(result);
            setVisible(true);
            setAsking(false);
          }}
        />
      )}
    </Card>
  );
}

const stepUpSchema = z.object({ password: currentPasswordSchema });
type StepUpValues = z.infer<typeof stepUpSchema>;

/** The root password is shown only after the user types their own account password again. */
function StepUpDialog({
  vps,
  onClose,
  onRevealed,
}: {
  vps: Vps;
  onClose: () => void;
  onRevealed: (credentials: VpsCredentials) => void;
}) {
  const { t } = useTranslation();
  const mutation = useCredentials(vps.id);
  const form = useForm<StepUpValues>({
    resolver: zodResolver(stepUpSchema),
    defaultValues: { password: '' },
  });
  return (
    <Dialog
      open
      onClose={onClose}
      busy={mutation.isPending}
      title={t('servers.access.stepUpTitle')}
      description={t(isWindows(vps) ? 'windowsAccess.stepUpText' : 'servers.access.stepUpText', {
        name: serverName(vps),
      })}
    >
      <form
        noValidate
        className="flex flex-col gap-4"
        onSubmit={submitToMutation(form, mutation, {
          input: (values) => values.password,
          onSuccess: onRevealed,
          fields: ['password'],
          codeFields: { invalid_password: 'password' },
        })}
      >
        {mutation.error && <FormError error={mutation.error} />}
        <PasswordField
          label={t('servers.access.accountPassword')}
          autoComplete="current-password"
          autoFocus
          error={form.formState.errors.password?.message}
          {...form.register('password')}
        />
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="outline" onClick={onClose} disabled={mutation.isPending}>
            {t('actions.cancel')}
          </Button>
          <SubmitButton pending={mutation.isPending}>{t('servers.access.revealConfirm')}</SubmitButton>
        </div>
      </form>
    </Dialog>
  );
}

function SystemCard({ vps }: { vps: Vps }) {
  const { t } = useTranslation();
  const format = useFormat();
  const regionText = useRegionText();
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('servers.system.title')}</CardTitle>
      </CardHeader>
      <CardContent>
        <Facts>
          <Fact label={t('servers.system.os')}>{vps.imageName ?? vps.osType ?? '—'}</Fact>
          <Fact label={t('servers.colPlan')}>{vps.product?.name ?? '—'}</Fact>
          <Fact label={t('servers.system.region')}>
            {vps.region ? regionText.name(vps.region, vps.region) : '—'}
          </Fact>
          <Fact label={t('servers.system.hostname')}>
            <CopyValue value={vps.name} label={t('servers.system.hostname')} />
          </Fact>
          <Fact label={t('servers.system.since')}>
            {vps.assignedAt ? <time dateTime={vps.assignedAt}>{format.date(vps.assignedAt)}</time> : '—'}
          </Fact>
          {vps.lastSyncedAt && (
            <Fact label={t('servers.system.synced')}>
              <time dateTime={vps.lastSyncedAt}>{format.relative(vps.lastSyncedAt)}</time>
            </Fact>
          )}
        </Facts>
      </CardContent>
    </Card>
  );
}

function VncCard({ vps }: { vps: Vps }) {
  const { t } = useTranslation();
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('servers.vnc.title')}</CardTitle>
      </CardHeader>
      <CardContent>
        {vps.vnc ? (
          <Facts>
            <Fact label={t('servers.vnc.host')}>
              <CopyValue value={vps.vnc.host} label={t('servers.vnc.host')} />
            </Fact>
            <Fact label={t('servers.vnc.port')}>
              <CopyValue
                value={vps.vnc.port != null ? String(vps.vnc.port) : null}
                label={t('servers.vnc.port')}
              />
            </Fact>
            <Fact label={t('servers.vnc.password')}>
              {vps.vnc.hasPassword ? t('servers.vnc.passwordSet') : t('servers.vnc.passwordNone')}
            </Fact>
          </Facts>
        ) : (
          <p className="flex items-start gap-3 text-sm text-muted-foreground" data-testid="vnc-unavailable">
            <MonitorX aria-hidden="true" className="mt-0.5 size-5 shrink-0" />
            {t('servers.vnc.unavailable')}
          </p>
        )}
      </CardContent>
    </Card>
  );
}
