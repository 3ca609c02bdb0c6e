import { zodResolver } from '@hookform/resolvers/zod';
import { LifeBuoy, Pencil } from 'lucide-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useOutletContext, useParams } from 'react-router';
import { z } from 'zod';
import type { Vps } from '../../../api/models.ts';
import { useRenameServer, useServer } from '../../../api/vps.ts';
import { FieldError } from '../../../components/form/fields.tsx';
import { controlClass } from '../../../components/form/fields.tsx';
import { FormError, SubmitButton } from '../../../components/form/FormBits.tsx';
import { requiredText, submitToMutation } from '../../../components/form/validation.ts';
import { DetailPage } from '../../../components/layout/DetailPage.tsx';
import { Button, buttonVariants } from '../../../components/ui/Button.tsx';
import { cn } from '../../../lib/cn.ts';
import { useRegionText } from '../../../lib/regions.ts';
import { serverName } from '../../../lib/vps.ts';
import { ServerState, ServiceBanner } from './serverBits.tsx';
import { useServerEvents } from './useServerEvents.ts';

export type ServerOutletContext = { vps: Vps };

/** The server shown by `/panel/servers/:id` and its tabs. */
export function useServerContext(): ServerOutletContext {
  return useOutletContext<ServerOutletContext>();
}

/** `/panel/servers/:id`: header (name, state, rename) and the tabs Resumen, Consola, Estadísticas, Instantáneas, Red, Firewall, Reinstalar, Historial. */
export function ServerLayout() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const server = useServer(id);
  useServerEvents(id);

  return (
    <DetailPage
      backTo="/panel/servers"
      backLabel={t('servers.detail.back')}
      query={server}
      skeletons={[
        'h-9 w-72',
        'h-5 w-96 max-w-full',
        'h-11 w-full max-w-md',
        'h-48 w-full rounded-xl',
        'h-48 w-full rounded-xl',
      ]}
    >
      {(vps) => <ServerView vps={vps} />}
    </DetailPage>
  );
}

function ServerView({ vps }: { vps: Vps }) {
  const { t } = useTranslation();
  const regionText = useRegionText();
  const tabs = [
    { to: '', label: t('servers.tabs.overview'), end: true },
    { to: 'console', label: t('serverPage.tabs.console'), end: false },
    { to: 'stats', label: t('serverPage.tabs.stats'), end: false },
    { to: 'snapshots', label: t('servers.tabs.snapshots'), end: false },
    { to: 'network', label: t('serverPage.tabs.network'), end: false },
    { to: 'firewall', label: t('serverPage.tabs.firewall'), end: false },
    { to: 'reinstall', label: t('serverPage.tabs.reinstall'), end: false },
    { to: 'history', label: t('servers.tabs.history'), end: false },
  ];
  const subtitle = [
    vps.product?.name,
    vps.region ? regionText.name(vps.region, vps.region) : null,
    vps.ipv4,
  ].filter(Boolean);
  return (
    <>
      <title>{t('servers.detail.documentTitle', { name: serverName(vps) })}</title>
      <div className="flex flex-col gap-2">
        <ServerName vps={vps} />
        <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
          <ServerState vps={vps} live />
          <span className="text-sm text-muted-foreground">{subtitle.join(' · ')}</span>
          <Link
            to={`/panel/support/new?vps=${encodeURIComponent(vps.id)}`}
            className={cn(buttonVariants({ variant: 'outline', size: 'sm' }), 'sm:ml-auto')}
            data-testid="ticket-about-server"
          >
            <LifeBuoy aria-hidden="true" />
            {t('tickets.aboutServer')}
          </Link>
        </div>
      </div>

      {vps.serviceStatus !== 'active' && <ServiceBanner vps={vps} />}

      <nav aria-label={t('servers.tabs.label')} className="-mx-4 overflow-x-auto px-4 sm:mx-0 sm:px-0">
        <ul className="flex min-w-max gap-1 border-b border-border">
          {tabs.map((tab) => (
            <li key={tab.to}>
              <NavLink
                to={tab.to}
                end={tab.end}
                replace
                preventScrollReset
                className={({ isActive }) =>
                  cn(
                    '-mb-px flex h-11 items-center border-b-2 px-4 text-sm font-medium transition-colors',
                    'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring',
                    isActive
                      ? 'border-primary text-foreground'
                      : 'border-transparent text-muted-foreground hover:text-foreground',
                  )
                }
              >
                {tab.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>

      <Outlet context={{ vps } satisfies ServerOutletContext} />
    </>
  );
}

const renameSchema = z.object({ displayName: requiredText(255) });
type RenameValues = z.infer<typeof renameSchema>;

/** The name as a heading, edited in place. */
function ServerName({ vps }: { vps: Vps }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const rename = useRenameServer(vps.id);
  const form = useForm<RenameValues>({
    resolver: zodResolver(renameSchema),
    values: { displayName: serverName(vps) },
  });
  const error = form.formState.errors.displayName?.message;

  if (!editing) {
    return (
      <div className="flex min-w-0 flex-wrap items-center gap-2">
        <h1 className="min-w-0 text-2xl font-bold tracking-tight break-all sm:text-3xl">{serverName(vps)}</h1>
        <Button
          variant="ghost"
          size="icon"
          aria-label={t('servers.rename.open', { name: serverName(vps) })}
          title={t('servers.rename.title')}
          onClick={() => {
            rename.reset();
            setEditing(true);
          }}
        >
          <Pencil aria-hidden="true" />
        </Button>
      </div>
    );
  }

  return (
    <form
      noValidate
      className="flex flex-col gap-2"
      onSubmit={submitToMutation(form, rename, {
        input: (values) => values.displayName,
        onSuccess: () => setEditing(false),
        fields: ['displayName'],
      })}
    >
      <label htmlFor="server-display-name" className="text-sm font-medium">
        {t('servers.rename.label')}
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          id="server-display-name"
          autoFocus
          autoComplete="off"
          maxLength={255}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'server-display-name-error' : undefined}
          className={cn(controlClass, 'h-11 sm:max-w-md')}
          onKeyDown={(event) => {
            if (event.key === 'Escape') setEditing(false);
          }}
          {...form.register('displayName')}
        />
        <div className="flex gap-2">
          <SubmitButton pending={rename.isPending}>{t('servers.rename.save')}</SubmitButton>
          <Button variant="outline" disabled={rename.isPending} onClick={() => setEditing(false)}>
            {t('actions.cancel')}
          </Button>
        </div>
      </div>
      <FieldError id="server-display-name-error" message={error} />
      {rename.error && <FormError error={rename.error} />}
      <p className="text-xs text-muted-foreground">{t('servers.rename.hint')}</p>
    </form>
  );
}
