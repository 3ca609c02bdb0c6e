import { Mail } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOutbox, useOutboxItem } from '../../api/admin.ts';
import type { OutboxItem, OutboxStatus } from '../../api/types.ts';
import { Badge, type BadgeProps } from '../../components/ui/Badge.tsx';
import { Button } from '../../components/ui/Button.tsx';
import { Dialog } from '../../components/ui/Dialog.tsx';
import { EmptyState } from '../../components/ui/EmptyState.tsx';
import { ErrorState } from '../../components/ui/ErrorState.tsx';
import { Skeleton } from '../../components/ui/Skeleton.tsx';
import { cn } from '../../lib/cn.ts';
import { useFormat } from '../../lib/format.ts';
import {
  FilterSelect,
  PageHeader,
  Pagination,
  SearchBox,
  tableWrap,
  th,
  theadClass,
  useListParams,
} from './adminBits.tsx';

const PAGE_SIZE = 20;
const FILTERS = ['status', 'to'] as const;
const STATUSES: OutboxStatus[] = ['pending', 'sent', 'failed', 'kept'];
const TONE: Record<OutboxStatus, NonNullable<BadgeProps['tone']>> = {
  pending: 'info',
  sent: 'success',
  failed: 'danger',
  kept: 'neutral',
};

/** `/admin/outbox`: the e-mails the platform sent or is about to send. */
export function OutboxPage() {
  const { t } = useTranslation();
  const { values, page, set } = useListParams(FILTERS);
  const status = STATUSES.find((s) => s === values.status);
  const { data, isPending, error, refetch, isPlaceholderData } = useOutbox({
    status,
    to: values.to || undefined,
    page,
    pageSize: PAGE_SIZE,
  });
  const [open, setOpen] = useState<string | null>(null);

  return (
    <div className="flex flex-col gap-6">
      <title>{t('admin.outbox.documentTitle')}</title>
      <PageHeader title={t('admin.outbox.title')} subtitle={t('admin.outbox.subtitle')} />
      <div className="flex flex-wrap items-end gap-3">
        <FilterSelect
          label={t('admin.outbox.statusFilter')}
          value={status ?? ''}
          onChange={(v) => set({ status: v })}
        >
          <option value="">{t('admin.outbox.all')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`admin.outbox.status.${s}`)}
            </option>
          ))}
        </FilterSelect>
        <SearchBox label={t('admin.outbox.to')} value={values.to} onChange={(v) => set({ to: v })} />
        <p aria-live="polite" className="ml-auto min-h-5 text-sm text-muted-foreground">
          {data && t('admin.outbox.count', { count: data.total })}
        </p>
      </div>

      <div className={cn('transition-opacity', isPlaceholderData && 'opacity-60')} aria-busy={isPending}>
        {error && !data ? (
          <ErrorState error={error} onRetry={() => void refetch()} />
        ) : isPending ? (
          <div className="flex flex-col gap-3">
            {Array.from({ length: 6 }, (_, i) => (
              <Skeleton key={i} className="h-14 w-full rounded-xl" />
            ))}
          </div>
        ) : data.items.length === 0 ? (
          <EmptyState icon={Mail} title={t('admin.outbox.empty')} />
        ) : (
          <OutboxList items={data.items} onOpen={setOpen} />
        )}
      </div>
      {data && (
        <Pagination page={page} total={data.total} pageSize={PAGE_SIZE} onPage={(p) => set({ page: p })} />
      )}
      {open && <MessageDialog id={open} onClose={() => setOpen(null)} />}
    </div>
  );
}

function StatusBadgeFor({ status }: { status: string }) {
  const { t } = useTranslation();
  const known = STATUSES.find((s) => s === status);
  return (
    <Badge tone={known ? TONE[known] : 'neutral'}>{known ? t(`admin.outbox.status.${known}`) : status}</Badge>
  );
}

function OutboxList({ items, onOpen }: { items: OutboxItem[]; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const open = (item: OutboxItem) => (
    <Button
      variant="outline"
      size="sm"
      onClick={() => onOpen(item.id)}
      aria-label={t('admin.outbox.openLabel', { subject: item.subject })}
    >
      {t('admin.outbox.open')}
    </Button>
  );
  return (
    <>
      <div className={tableWrap}>
        <table className="w-full text-left text-sm">
          <thead className={theadClass}>
            <tr>
              <th scope="col" className={th}>
                {t('admin.outbox.colTo')}
              </th>
              <th scope="col" className={th}>
                {t('admin.outbox.colSubject')}
              </th>
              <th scope="col" className={th}>
                {t('admin.outbox.colStatus')}
              </th>
              <th scope="col" className={th}>
                {t('admin.outbox.colDate')}
              </th>
              <th scope="col" className={th}>
                <span className="sr-only">{t('admin.colActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {items.map((item) => (
              <tr key={item.id}>
                <td className="max-w-52 truncate px-3 py-3">{item.to}</td>
                <td className="px-3 py-3">
                  <span className="block">{item.subject}</span>
                  <span className="block font-mono text-xs text-muted-foreground">{item.template}</span>
                </td>
                <td className="px-3 py-3">
                  <StatusBadgeFor status={item.status} />
                </td>
                <td className="px-3 py-3 whitespace-nowrap">
                  <time dateTime={item.createdAt}>{format.dateTime(item.createdAt)}</time>
                </td>
                <td className="px-3 py-3 text-right">{open(item)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="flex flex-col gap-3 md:hidden">
        {items.map((item) => (
          <li key={item.id} className="flex flex-col gap-2 rounded-xl border border-border bg-card p-4">
            <div className="flex items-start justify-between gap-2">
              <p className="min-w-0 font-medium">{item.subject}</p>
              <StatusBadgeFor status={item.status} />
            </div>
            <p className="truncate text-sm text-muted-foreground">{item.to}</p>
            <div className="flex items-center justify-between gap-2 text-sm">
              <time dateTime={item.createdAt}>{format.dateTime(item.createdAt)}</time>
              {open(item)}
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}

function MessageDialog({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const message = useOutboxItem(id);
  return (
    <Dialog
      open
      onClose={onClose}
      title={message.data?.subject ?? t('admin.outbox.loading')}
      className="w-[min(44rem,calc(100vw-2rem))]"
    >
      {message.isPending ? (
        <Skeleton className="h-64 w-full" />
      ) : message.error ? (
        <ErrorState error={message.error} onRetry={() => void message.refetch()} />
      ) : (
        <div className="flex flex-col gap-3 text-sm">
          <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1">
            <dt className="text-muted-foreground">{t('admin.outbox.colTo')}</dt>
            <dd className="break-all">{message.data.to}</dd>
            <dt className="text-muted-foreground">{t('admin.outbox.colDate')}</dt>
            <dd>{format.dateTime(message.data.createdAt)}</dd>
            <dt className="text-muted-foreground">{t('admin.outbox.colStatus')}</dt>
            <dd>
              <StatusBadgeFor status={message.data.status} />
            </dd>
            {message.data.lastError && (
              <>
                <dt className="text-muted-foreground">{t('admin.outbox.error')}</dt>
                <dd className="break-words text-red-700 dark:text-red-300">{message.data.lastError}</dd>
              </>
            )}
          </dl>
          <pre className="max-h-[50vh] overflow-auto rounded-lg border border-border bg-muted/40 p-3 font-mono text-xs whitespace-pre-wrap break-words">
            {message.data.text}
          </pre>
        </div>
      )}
    </Dialog>
  );
}
