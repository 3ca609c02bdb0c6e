import {
  Ban,
  Eye,
  KeyRound,
  LogOut,
  MailCheck,
  Pencil,
  RotateCcw,
  ShieldOff,
  StickyNote,
} from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  startViewAs,
  useCustomerAction,
  useCustomerDetail,
  type CustomerAction,
  type CustomerDetail,
} from '../../../api/console.ts';
import { DetailPage } from '../../../components/layout/DetailPage.tsx';
import { DetailHeader } from '../../../components/layout/PageHeader.tsx';
import { Badge } from '../../../components/ui/Badge.tsx';
import { Button } from '../../../components/ui/Button.tsx';
import { Card } from '../../../components/ui/Card.tsx';
import { Dialog } from '../../../components/ui/Dialog.tsx';
import { toast } from '../../../components/ui/Toast.tsx';
import { useFormat } from '../../../lib/format.ts';
import { DataTableSimple } from './ConsoleCharts.tsx';
import { CustomerProfileForm } from './CustomerProfileForm.tsx';

type Confirm = { action: CustomerAction; title: string; text: string; danger?: boolean };

/** `/admin/customers/:id`: everything about one customer, and the staff actions (each audited on the server). */
export function CustomerDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useCustomerDetail(id);
  return (
    <DetailPage
      backTo="/admin/customers"
      backLabel={t('console.customers.back')}
      query={query}
      skeletons={['h-16 w-2/3', 'h-40 w-full', 'h-64 w-full']}
    >
      {(data) => <Detail data={data} />}
    </DetailPage>
  );
}

function Detail({ data }: { data: CustomerDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const p = data.profile;
  const action = useCustomerAction(p.id);
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [banning, setBanning] = useState(false);
  const [editing, setEditing] = useState(false);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');

  const run = (a: CustomerAction, done: string, after?: () => void) =>
    action.mutate(a, {
      onSuccess: () => {
        toast.success(done);
        after?.();
      },
      onError: (error) => toast.error(t('console.customer.failed'), (error as Error).message),
    });

  const viewAs = async () => {
    try {
      const { accessToken, expiresAt } = await startViewAs(p.id);
      const hash = new URLSearchParams({ token: accessToken, expires: expiresAt, email: p.email });
      window.open(`/view-as#${hash.toString()}`, '_blank', 'noopener');
    } catch (error) {
      toast.error(t('console.customer.failed'), (error as Error).message);
    }
  };

  const money = (v: number, c: string) => format.money(v, c);
  const date = (v: string | null) => (v ? format.date(v) : '—');

  return (
    <div className="flex flex-col gap-6" data-testid="customer-detail">
      <title>{t('console.customer.documentTitle', { name: p.name || p.email })}</title>
      <DetailHeader
        title={p.name || p.email}
        subtitle={`${p.email} · ${t('console.customer.since', { date: format.date(p.createdAt) })}`}
        aside={
          <span className="flex flex-wrap gap-2" data-testid="customer-badges">
            {p.banned && <Badge tone="danger">{t('console.customers.banned')}</Badge>}
            {p.emailVerified ? (
              <Badge tone="success">{t('console.customer.verified')}</Badge>
            ) : (
              <Badge tone="warning">{t('console.customers.unverified')}</Badge>
            )}
            {p.twoFactorEnabled && <Badge tone="info">{t('console.customer.twoFactorOn')}</Badge>}
          </span>
        }
      />

      <Card className="flex flex-wrap gap-2 p-4" aria-label={t('console.customer.actions')}>
        <Button variant="outline" size="sm" onClick={() => setEditing(true)}>
          <Pencil aria-hidden="true" />
          {t('console.customer.editProfile')}
        </Button>
        {!p.emailVerified && (
          <Button
            variant="outline"
            size="sm"
            onClick={() => run({ kind: 'verify-email' }, t('console.customer.done.verify'))}
          >
            <MailCheck aria-hidden="true" />
            {t('console.customer.verify')}
          </Button>
        )}
        <Button
          variant="outline"
          size="sm"
          onClick={() =>
            setConfirm({
              action: { kind: 'password-reset' },
              title: t('console.customer.reset'),
              text: t('console.customer.confirm.reset', { email: p.email }),
            })
          }
        >
          <KeyRound aria-hidden="true" />
          {t('console.customer.reset')}
        </Button>
        {p.twoFactorEnabled && (
          <Button
            variant="outline"
            size="sm"
            onClick={() =>
              setConfirm({
                action: { kind: 'two-factor/reset' },
                title: t('console.customer.twoFactorReset'),
                text: t('console.customer.confirm.twoFactor', { email: p.email }),
                danger: true,
              })
            }
          >
            <ShieldOff aria-hidden="true" />
            {t('console.customer.twoFactorReset')}
          </Button>
        )}
        <Button
          variant="outline"
          size="sm"
          onClick={() =>
            setConfirm({
              action: { kind: 'sessions/revoke' },
              title: t('console.customer.revoke'),
              text: t('console.customer.confirm.revoke', { email: p.email }),
            })
          }
        >
          <LogOut aria-hidden="true" />
          {t('console.customer.revoke')}
        </Button>
        {!p.banned && (
          <Button variant="outline" size="sm" onClick={() => void viewAs()}>
            <Eye aria-hidden="true" />
            {t('console.customer.viewAs')}
          </Button>
        )}
        {p.banned ? (
          <Button
            variant="outline"
            size="sm"
            onClick={() =>
              setConfirm({
                action: { kind: 'unban' },
                title: t('console.customer.unban'),
                text: t('console.customer.confirm.unban', { email: p.email }),
              })
            }
          >
            <RotateCcw aria-hidden="true" />
            {t('console.customer.unban')}
          </Button>
        ) : (
          <Button variant="danger" size="sm" onClick={() => setBanning(true)}>
            <Ban aria-hidden="true" />
            {t('console.customer.ban')}
          </Button>
        )}
      </Card>
      {p.banned && p.banReason && (
        <p className="text-sm text-red-800 dark:text-red-200">
          {t('console.customer.banReason', { reason: p.banReason })}
        </p>
      )}

      <div className="grid gap-4 lg:grid-cols-2">
        <Section title={t('console.customer.profile')}>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-muted-foreground">{t('console.customers.email')}</dt>
            <dd className="break-all">{p.email}</dd>
            <dt className="text-muted-foreground">{t('console.customer.phone')}</dt>
            <dd>{p.phone ?? '—'}</dd>
            <dt className="text-muted-foreground">{t('console.customer.language')}</dt>
            <dd>{p.language}</dd>
            <dt className="text-muted-foreground">{t('console.customer.country')}</dt>
            <dd>{p.country ?? '—'}</dd>
            <dt className="text-muted-foreground">{t('console.customer.company')}</dt>
            <dd>{[p.companyName, p.taxId].filter(Boolean).join(' · ') || '—'}</dd>
            <dt className="text-muted-foreground">{t('console.customer.lastLogin')}</dt>
            <dd>{p.lastLoginAt ? format.dateTime(p.lastLoginAt) : '—'}</dd>
            <dt className="text-muted-foreground">{t('console.customer.sshKeys')}</dt>
            <dd>{format.number(data.sshKeyCount)}</dd>
          </dl>
        </Section>
        <Section title={t('console.customer.lifetime')}>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm" data-testid="customer-lifetime">
            <dt className="text-muted-foreground">{t('console.customer.ltv')}</dt>
            <dd className="tabular-nums">{money(data.lifetime.netMinor, data.lifetime.currency)}</dd>
            <dt className="text-muted-foreground">{t('console.charts.cost')}</dt>
            <dd className="tabular-nums">{money(data.lifetime.costMinor, data.lifetime.currency)}</dd>
            <dt className="text-muted-foreground">{t('console.charts.margin')}</dt>
            <dd className="tabular-nums">{money(data.lifetime.marginMinor, data.lifetime.currency)}</dd>
          </dl>
        </Section>
      </div>

      <Section title={t('console.customer.services')}>
        <DataTableSimple
          head={[t('console.customer.server'), t('console.customer.status'), t('console.customer.expires')]}
          rows={data.services.map((s) => [
            <Link key={s.id} to="/admin/servers" className="text-primary hover:underline">
              {s.name ?? s.ipAddress ?? s.id.slice(0, 8)}
              {s.plan ? ` · ${s.plan}` : ''}
            </Link>,
            `${s.serviceStatus} · ${s.status}`,
            date(s.expiresAt),
          ])}
        />
      </Section>
      <div className="grid gap-4 lg:grid-cols-2">
        <Section title={t('console.customer.orders')}>
          <DataTableSimple
            head={[t('console.customer.number'), t('console.customer.status'), t('console.customer.total')]}
            rows={data.orders.map((o) => [
              <Link
                key={o.id}
                to={`/admin/orders/${o.id}`}
                className="font-mono text-xs text-primary hover:underline"
              >
                {o.orderNumber}
              </Link>,
              o.status,
              money(o.totalMinor, o.currency),
            ])}
          />
        </Section>
        <Section title={t('console.customer.invoices')}>
          <DataTableSimple
            head={[t('console.customer.number'), t('console.customer.status'), t('console.customer.total')]}
            rows={data.invoices.map((i) => [
              <span key={i.id} className="font-mono text-xs">
                {i.number ?? '—'}
                {i.type === 'credit_note' ? ` (${t('console.customer.creditNote')})` : ''}
              </span>,
              i.status,
              money(i.totalMinor, i.currency),
            ])}
          />
        </Section>
        <Section title={t('console.customer.payments')}>
          <DataTableSimple
            head={[t('console.customer.date'), t('console.customer.method'), t('console.customer.total')]}
            rows={data.transactions.map((x) => [
              format.date(x.createdAt),
              `${x.provider} · ${x.kind} · ${x.status}`,
              money(x.amountMinor, x.currency),
            ])}
          />
        </Section>
        <Section title={t('console.customer.tickets')}>
          <DataTableSimple
            head={[t('console.customer.subject'), t('console.customer.status'), t('console.customer.date')]}
            rows={data.tickets.map((x) => [x.subject, x.status, format.date(x.updatedAt)])}
          />
        </Section>
      </div>
      <Section title={t('console.customer.sessions')}>
        <DataTableSimple
          head={[t('console.customer.device'), t('console.customer.ip'), t('console.customer.lastUsed')]}
          rows={data.sessions.map((s) => [
            s.viewAs ? t('console.customer.viewAsSession') : (s.userAgent ?? '—'),
            s.ipAddress ?? '—',
            format.dateTime(s.lastUsedAt),
          ])}
        />
      </Section>
      <Section title={t('console.customer.notes')}>
        <form
          className="flex flex-col gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            if (note.trim())
              run({ kind: 'notes', body: note.trim() }, t('console.customer.done.note'), () => setNote(''));
          }}
        >
          <label className="text-sm font-medium" htmlFor="customer-note">
            {t('console.customer.newNote')}
          </label>
          <textarea
            id="customer-note"
            value={note}
            maxLength={5000}
            onChange={(e) => setNote(e.target.value)}
            className="min-h-20 rounded-md border border-border bg-background p-2 text-sm"
          />
          <Button type="submit" size="sm" className="self-start" disabled={action.isPending || !note.trim()}>
            <StickyNote aria-hidden="true" />
            {t('console.customer.addNote')}
          </Button>
        </form>
        <ul className="mt-3 flex flex-col gap-2">
          {data.notes.map((n) => (
            <li key={n.id} className="rounded-md bg-amber-50 p-2 text-sm dark:bg-amber-950">
              <p className="whitespace-pre-wrap">{n.body}</p>
              <p className="text-xs text-muted-foreground">
                {n.authorEmail ?? '—'} · {format.dateTime(n.createdAt)}
              </p>
            </li>
          ))}
        </ul>
      </Section>
      <Section title={t('console.customer.audit')}>
        <DataTableSimple
          head={[t('console.customer.date'), t('console.customer.event'), t('console.customer.ip')]}
          rows={data.audit.map((a) => [
            format.dateTime(a.createdAt),
            `${a.action} (${a.direction === 'by' ? t('console.customer.byCustomer') : t('console.customer.byStaff')})`,
            a.ipAddress ?? '—',
          ])}
        />
      </Section>

      {confirm && (
        <Dialog
          open
          title={confirm.title}
          description={confirm.text}
          busy={action.isPending}
          onClose={() => setConfirm(null)}
          footer={
            <>
              <Button variant="outline" onClick={() => setConfirm(null)} disabled={action.isPending}>
                {t('console.customer.cancel')}
              </Button>
              <Button
                variant={confirm.danger ? 'danger' : 'primary'}
                disabled={action.isPending}
                onClick={() =>
                  run(confirm.action, t('console.customer.done.generic'), () => setConfirm(null))
                }
              >
                {t('console.customer.confirmButton')}
              </Button>
            </>
          }
        />
      )}
      {editing && <CustomerProfileForm profile={p} onClose={() => setEditing(false)} />}
      {banning && (
        <Dialog
          open
          title={t('console.customer.ban')}
          description={t('console.customer.confirm.ban', { email: p.email })}
          busy={action.isPending}
          onClose={() => setBanning(false)}
          footer={
            <>
              <Button variant="outline" onClick={() => setBanning(false)} disabled={action.isPending}>
                {t('console.customer.cancel')}
              </Button>
              <Button
                variant="danger"
                disabled={action.isPending || !reason.trim()}
                onClick={() =>
                  run({ kind: 'ban', reason: reason.trim() }, t('console.customer.done.ban'), () => {
                    setBanning(false);
                    setReason('');
                  })
                }
              >
                {t('console.customer.ban')}
              </Button>
            </>
          }
        >
          <label className="flex flex-col gap-1 text-sm font-medium">
            {t('console.customer.banReasonLabel')}
            <input
              value={reason}
              maxLength={500}
              onChange={(e) => setReason(e.target.value)}
              className="h-11 rounded-md border border-border bg-background px-2"
            />
          </label>
        </Dialog>
      )}
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card className="flex min-w-0 flex-col gap-3 p-4">
      <h2 className="text-base font-semibold">{title}</h2>
      <div className="overflow-x-auto">{children}</div>
    </Card>
  );
}
