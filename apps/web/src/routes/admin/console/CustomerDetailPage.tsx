import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
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
import { toast } from '../../../components/ui/Toast.tsx';
import { useFormat } from '../../../lib/format.ts';
import { CustomerActions } from './customer/CustomerActions.tsx';
import { BanDialog, ConfirmActionDialog } from './customer/CustomerDialogs.tsx';
import { CustomerFacts } from './customer/CustomerFacts.tsx';
import { CustomerNotes } from './customer/CustomerNotes.tsx';
import {
  CustomerAudit,
  CustomerHistory,
  CustomerServices,
  CustomerSessions,
} from './customer/CustomerTables.tsx';
import { viewAsPath, type ConfirmedKind } from './customer/customerRules.ts';
import { CustomerProfileForm } from './CustomerProfileForm.tsx';

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
  // One mutation for every action, so a running one disables the others' buttons.
  const action = useCustomerAction(p.id);
  const [confirm, setConfirm] = useState<ConfirmedKind | null>(null);
  const [banning, setBanning] = useState(false);
  const [editing, setEditing] = useState(false);

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
      window.open(viewAsPath(await startViewAs(p.id), p.email), '_blank', 'noopener');
    } catch (error) {
      toast.error(t('console.customer.failed'), (error as Error).message);
    }
  };

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

      <CustomerActions
        profile={p}
        onEdit={() => setEditing(true)}
        onVerify={() => run({ kind: 'verify-email' }, t('console.customer.done.verify'))}
        onViewAs={() => void viewAs()}
        onBan={() => setBanning(true)}
        onConfirm={setConfirm}
      />
      {p.banned && p.banReason && (
        <p className="text-sm text-red-800 dark:text-red-200">
          {t('console.customer.banReason', { reason: p.banReason })}
        </p>
      )}

      <CustomerFacts data={data} />
      <CustomerServices services={data.services} />
      <CustomerHistory data={data} />
      <CustomerSessions sessions={data.sessions} />
      <CustomerNotes notes={data.notes} busy={action.isPending} run={run} />
      <CustomerAudit audit={data.audit} />

      {confirm && (
        <ConfirmActionDialog
          kind={confirm}
          email={p.email}
          busy={action.isPending}
          run={run}
          onClose={() => setConfirm(null)}
        />
      )}
      {editing && <CustomerProfileForm profile={p} onClose={() => setEditing(false)} />}
      {banning && (
        <BanDialog email={p.email} busy={action.isPending} run={run} onClose={() => setBanning(false)} />
      )}
    </div>
  );
}
