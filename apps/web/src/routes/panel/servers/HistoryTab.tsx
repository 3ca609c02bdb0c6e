import { ArrowRight, ListChecks } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { VpsAction, VpsActionStatus, VpsStatusChange } from '../../../api/types.ts';
import { useActions, useStatusHistory } from '../../../api/vps.ts';
import { Badge, type BadgeProps } from '../../../components/ui/Badge.tsx';
import { EmptyState } from '../../../components/ui/EmptyState.tsx';
import { ErrorState } from '../../../components/ui/ErrorState.tsx';
import { Skeleton } from '../../../components/ui/Skeleton.tsx';
import { StatusBadge } from '../../../components/ui/StatusBadge.tsx';
import { useFormat } from '../../../lib/format.ts';
import { contaboBadgeStatus, useActionText } from '../../../lib/vps.ts';
import { useServerContext } from './ServerLayout.tsx';

const ACTION_TONE: Record<VpsActionStatus, NonNullable<BadgeProps['tone']>> = {
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
        {actions.isPending ? (
          <Skeleton className="h-40 w-full rounded-xl" />
        ) : actions.error && !actions.data ? (
          <ErrorState error={actions.error} onRetry={() => void actions.refetch()} />
        ) : actions.data.items.length === 0 ? (
          <EmptyState icon={ListChecks} title={t('servers.history.noActions')} />
        ) : (
          <ActionList actions={actions.data.items} />
        )}
      </section>

      <section aria-labelledby="status-history-title" className="flex flex-col gap-3">
        <h2 id="status-history-title" className="text-lg font-semibold">
          {t('servers.history.statusTitle')}
        </h2>
        {history.isPending ? (
          <Skeleton className="h-40 w-full rounded-xl" />
        ) : history.error && !history.data ? (
          <ErrorState error={history.error} onRetry={() => void history.refetch()} />
        ) : history.data.items.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t('servers.history.noChanges')}</p>
        ) : (
          <StatusChanges items={history.data.items} />
        )}
      </section>
    </div>
  );
}

function ActionStatus({ status }: { status: VpsActionStatus }) {
  const { t } = useTranslation();
  return <Badge tone={ACTION_TONE[status] ?? 'neutral'}>{t(`servers.history.status.${status}`)}</Badge>;
}

/** A table on desktop, cards on phones. */
function ActionList({ actions }: { actions: VpsAction[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const actionText = useActionText();
  const th = 'px-3 py-2.5 font-medium';
  const failure = (action: VpsAction) =>
    action.status === 'failed' ? t('servers.history.failedDetail') : null;
  return (
    <>
      <div className="hidden overflow-hidden rounded-xl border border-border bg-card md:block">
        <table className="w-full text-left text-sm" data-testid="actions-table">
          <thead className="border-b border-border bg-muted/60 text-xs text-muted-foreground uppercase">
            <tr>
              <th scope="col" className={th}>
                {t('servers.history.colAction')}
              </th>
              <th scope="col" className={th}>
                {t('servers.history.colStatus')}
              </th>
              <th scope="col" className={th}>
                {t('servers.history.colRequested')}
              </th>
              <th scope="col" className={th}>
                {t('servers.history.colCompleted')}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {actions.map((action) => (
              <tr key={action.id} data-testid="action-row">
                <td className="px-3 py-3 font-medium">
                  {actionText.name(action.actionType)}
                  {failure(action) && (
                    <span className="block text-xs font-normal text-red-700 dark:text-red-300">
                      {failure(action)}
                    </span>
                  )}
                </td>
                <td className="px-3 py-3">
                  <ActionStatus status={action.status} />
                </td>
                <td className="px-3 py-3 whitespace-nowrap">
                  <time dateTime={action.requestedAt}>{format.dateTime(action.requestedAt)}</time>
                </td>
                <td className="px-3 py-3 whitespace-nowrap">
                  {action.completedAt ? (
                    <time dateTime={action.completedAt}>{format.dateTime(action.completedAt)}</time>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="flex flex-col gap-3 md:hidden">
        {actions.map((action) => (
          <li key={action.id} className="flex flex-col gap-2 rounded-xl border border-border bg-card p-4">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <span className="font-medium">{actionText.name(action.actionType)}</span>
              <ActionStatus status={action.status} />
            </div>
            <p className="text-sm text-muted-foreground">
              <time dateTime={action.requestedAt}>{format.dateTime(action.requestedAt)}</time>
            </p>
            {failure(action) && <p className="text-sm text-red-700 dark:text-red-300">{failure(action)}</p>}
          </li>
        ))}
      </ul>
    </>
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
