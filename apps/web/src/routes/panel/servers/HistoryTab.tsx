import { ArrowRight, ListChecks } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { VpsAction, VpsActionStatus, VpsStatusChange } from '../../../api/models.ts';
import { useActions, useStatusHistory } from '../../../api/vps.ts';
import { DataTable } from '../../../components/list/DataTable.tsx';
import { ListState } from '../../../components/list/ListState.tsx';
import { Badge, type BadgeProps } from '../../../components/ui/Badge.tsx';
import { EmptyState } from '../../../components/ui/EmptyState.tsx';
import { StatusBadge } from '../../../components/ui/StatusBadge.tsx';
import { useFormat } from '../../../lib/format.ts';
import { contaboBadgeStatus, useActionText } from '../../../lib/vps.ts';
import { useServerContext } from './ServerLayout.tsx';

const ACTION_TONE: Record<VpsActionStatus, NonNullable<BadgeProps['tone']>> = {
  queued: 'neutral',
  requested: 'info',
  accepted: 'info',
  completed: 'success',
  failed: 'danger',
};

/** Historial: the actions taken on the server and its state changes. */
export function HistoryTab() {
  const { t } = useTranslation();
  const { vps } = useServerContext();
  const actions = useActions(vps.id);
  const history = useStatusHistory(vps.id);

  return (
    <div className="flex flex-col gap-8">
      <section aria-labelledby="actions-title" className="flex flex-col gap-3">
        <h2 id="actions-title" className="text-lg font-semibold">
          {t('servers.history.actionsTitle')}
        </h2>
        <ListState
          query={actions}
          skeleton={{ rows: 1, height: 'h-40' }}
          empty={<EmptyState icon={ListChecks} title={t('servers.history.noActions')} />}
        >
          {(items) => <ActionList actions={items} />}
        </ListState>
      </section>

      <section aria-labelledby="status-history-title" className="flex flex-col gap-3">
        <h2 id="status-history-title" className="text-lg font-semibold">
          {t('servers.history.statusTitle')}
        </h2>
        <ListState
          query={history}
          skeleton={{ rows: 1, height: 'h-40' }}
          empty={<p className="text-sm text-muted-foreground">{t('servers.history.noChanges')}</p>}
        >
          {(items) => <StatusChanges items={items} />}
        </ListState>
      </section>
    </div>
  );
}

function ActionStatus({ status }: { status: VpsActionStatus }) {
  const { t } = useTranslation();
  const label =
    (status as string) === 'queued' ? t('scale.statusQueued') : t(`servers.history.status.${status}`);
  return <Badge tone={ACTION_TONE[status] ?? 'neutral'}>{label}</Badge>;
}

/** A table on desktop, cards on phones. */
function ActionList({ actions }: { actions: VpsAction[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const actionText = useActionText();
  const failure = (action: VpsAction) =>
    action.status === 'failed' ? t('servers.history.failedDetail') : null;
  const requested = (action: VpsAction) => (
    <time dateTime={action.requestedAt}>{format.dateTime(action.requestedAt)}</time>
  );
  return (
    <DataTable
      tableData={{ 'data-testid': 'actions-table' }}
      rows={actions}
      rowKey={(action) => action.id}
      rowData={() => ({ 'data-testid': 'action-row' })}
      columns={[
        {
          id: 'action',
          header: t('servers.history.colAction'),
          className: 'font-medium',
          cell: (action) => (
            <>
              {actionText.name(action.actionType)}
              {failure(action) && (
                <span className="block text-xs font-normal text-red-700 dark:text-red-300">
                  {failure(action)}
                </span>
              )}
            </>
          ),
        },
        {
          id: 'status',
          header: t('servers.history.colStatus'),
          cell: (action) => <ActionStatus status={action.status} />,
        },
        {
          id: 'requested',
          header: t('servers.history.colRequested'),
          className: 'whitespace-nowrap',
          cell: requested,
        },
        {
          id: 'completed',
          header: t('servers.history.colCompleted'),
          className: 'whitespace-nowrap',
          cell: (action) =>
            action.completedAt ? (
              <time dateTime={action.completedAt}>{format.dateTime(action.completedAt)}</time>
            ) : (
              '—'
            ),
        },
      ]}
      cardClassName="gap-2"
      card={(action) => (
        <>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <span className="font-medium">{actionText.name(action.actionType)}</span>
            <ActionStatus status={action.status} />
          </div>
          <p className="text-sm text-muted-foreground">{requested(action)}</p>
          {failure(action) && <p className="text-sm text-red-700 dark:text-red-300">{failure(action)}</p>}
        </>
      )}
    />
  );
}

function StatusChanges({ items }: { items: VpsStatusChange[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <ol
      className="flex flex-col divide-y divide-border rounded-xl border border-border bg-card"
      data-testid="status-history"
    >
      {items.map((item, index) => (
        <li
          key={`${item.createdAt}-${index}`}
          className="flex flex-wrap items-center gap-2 px-4 py-3 text-sm"
        >
          {item.fromStatus && (
            <>
              <StatusBadge kind="vps" status={contaboBadgeStatus(item.fromStatus)} />
              <ArrowRight aria-hidden="true" className="size-4 text-muted-foreground" />
              <span className="sr-only">{t('servers.history.changedTo')}</span>
            </>
          )}
          <StatusBadge kind="vps" status={contaboBadgeStatus(item.toStatus)} />
          <time dateTime={item.createdAt} className="ml-auto text-muted-foreground">
            {format.dateTime(item.createdAt)}
          </time>
        </li>
      ))}
    </ol>
  );
}
