import { useMutation, useQueryClient } from '@tanstack/react-query';
import { LogOut, Monitor, Smartphone } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useRevokeSession, useSessions } from '../../../api/account.ts';
import { logoutAll } from '../../../api/auth.ts';
import { clearSession } from '../../../api/session.ts';
import type { AccountSession } from '../../../api/models.ts';
import { ConfirmFooter } from '../../../components/form/ConfirmFooter.tsx';
import { FormError, SubmitButton, submitHandler } from '../../../components/form/FormBits.tsx';
import { Badge } from '../../../components/ui/Badge.tsx';
import { Button } from '../../../components/ui/Button.tsx';
import { Dialog } from '../../../components/ui/Dialog.tsx';
import { ErrorState } from '../../../components/ui/ErrorState.tsx';
import { Skeleton } from '../../../components/ui/Skeleton.tsx';
import { useFormat } from '../../../lib/format.ts';
import { Section } from './AccountLayout.tsx';

const MOBILE = /android|iphone|ipad|mobile/i;

export function SessionsPage() {
  const { t } = useTranslation();
  const sessions = useSessions();
  const [confirmOpen, setConfirmOpen] = useState(false);
  const items = sessions.data ? [...sessions.data.items].sort(currentFirst) : [];

  return (
    <div className="flex flex-col gap-6">
      <title>{t('account.sessions.documentTitle')}</title>
      <Section
        headingId="sessions-title"
        title={t('account.tabs.sessions')}
        description={t('account.sessions.description')}
        aside={
          sessions.data ? (
            <Badge>{t('account.sessions.count', { count: sessions.data.items.length })}</Badge>
          ) : null
        }
      >
        {sessions.isPending ? (
          <div aria-busy="true" className="flex flex-col gap-3">
            <Skeleton className="h-20 w-full" />
            <Skeleton className="h-20 w-full" />
          </div>
        ) : sessions.error ? (
          <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />
        ) : (
          <ul className="flex flex-col divide-y divide-border" data-testid="session-list">
            {items.map((session) => (
              <SessionRow key={session.id} session={session} />
            ))}
          </ul>
        )}
        <div className="border-t border-border pt-5">
          <Button
            variant="danger"
            className="h-auto min-h-11 py-2 whitespace-normal max-sm:w-full"
            onClick={() => setConfirmOpen(true)}
          >
            <LogOut aria-hidden="true" />
            {t('account.sessions.signOutAll')}
          </Button>
        </div>
      </Section>
      <SignOutAllDialog open={confirmOpen} onClose={() => setConfirmOpen(false)} />
    </div>
  );
}

/** The server describes devices in English ("Chrome on Linux", "Unknown device"): say it in the UI language. */
function useDeviceName(device: string): string {
  const { t } = useTranslation();
  if (!device || device === 'Unknown device') return t('account.sessions.unknownDevice');
  const match = /^(.+) on (.+)$/.exec(device);
  const browser = (name: string) =>
    name === 'Unknown browser' ? t('account.sessions.unknownBrowser') : name;
  if (!match?.[1] || !match[2]) return browser(device);
  return t('account.sessions.deviceOn', { browser: browser(match[1]), os: match[2] });
}

function currentFirst(a: AccountSession, b: AccountSession): number {
  if (a.current !== b.current) return a.current ? -1 : 1;
  return b.lastUsedAt.localeCompare(a.lastUsedAt);
}

function SessionRow({ session }: { session: AccountSession }) {
  const { t } = useTranslation();
  const format = useFormat();
  const revoke = useRevokeSession();
  const device = useDeviceName(session.device);
  const Icon = MOBILE.test(session.userAgent ?? '') ? Smartphone : Monitor;
  return (
    <li
      data-testid="session-row"
      data-current={session.current || undefined}
      className="flex flex-wrap items-start gap-x-3 gap-y-3 py-4 first:pt-0 last:pb-0 sm:items-center"
    >
      <span className="flex size-10 shrink-0 items-center justify-center rounded-full bg-muted text-muted-foreground">
        <Icon aria-hidden="true" className="size-5" />
      </span>
      <div className="flex min-w-0 flex-1 basis-56 flex-col gap-1">
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-medium">{device}</span>
          {session.current && <Badge tone="success">{t('account.sessions.current')}</Badge>}
        </div>
        <dl className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-muted-foreground">
          <div className="flex flex-wrap gap-x-1">
            <dt>{t('account.sessions.ip')}:</dt>
            <dd className="font-mono">{session.ipAddress ?? t('account.sessions.unknownIp')}</dd>
          </div>
          <div className="flex flex-wrap gap-x-1">
            <dt>{t('account.sessions.lastUsed')}:</dt>
            <dd>
              <time dateTime={session.lastUsedAt} title={format.dateTime(session.lastUsedAt)}>
                {format.relative(session.lastUsedAt)}
              </time>
            </dd>
          </div>
          <div className="flex flex-wrap gap-x-1">
            <dt>{t('account.sessions.started')}:</dt>
            <dd>
              <time dateTime={session.createdAt}>{format.dateTime(session.createdAt)}</time>
            </dd>
          </div>
        </dl>
        {revoke.error && <FormError error={revoke.error} className="mt-2" />}
      </div>
      {!session.current && (
        <form
          className="ml-13 sm:ml-0"
          onSubmit={submitHandler(() => {
            if (!revoke.isPending) revoke.mutate(session.id);
          })}
        >
          <SubmitButton
            variant="outline"
            size="sm"
            pending={revoke.isPending}
            aria-label={t('account.sessions.revokeLabel', { device })}
          >
            {t('account.sessions.revoke')}
          </SubmitButton>
        </form>
      )}
    </li>
  );
}

function SignOutAllDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const mutation = useMutation({
    mutationFn: logoutAll,
    onSuccess: () => {
      clearSession(queryClient, { onPurpose: true });
      void navigate('/login', { replace: true });
    },
  });
  return (
    <Dialog
      open={open}
      onClose={() => {
        mutation.reset();
        onClose();
      }}
      busy={mutation.isPending}
      title={t('account.sessions.signOutAllTitle')}
      description={t('account.sessions.signOutAllText')}
      footer={
        <ConfirmFooter
          inForm
          onCancel={onClose}
          onConfirm={() => mutation.mutate()}
          pending={mutation.isPending}
          pendingLabel={t('account.sessions.signingOut')}
        >
          {t('account.sessions.signOutAll')}
        </ConfirmFooter>
      }
    >
      {mutation.error && <FormError error={mutation.error} />}
    </Dialog>
  );
}
