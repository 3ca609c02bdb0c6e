import { Mail } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOutbox, useOutboxItem } from '../../api/admin.ts';
import type { OutboxItem, OutboxStatus } from '../../api/models.ts';
import { PageHeader } from '../../components/layout/PageHeader.tsx';
import { DataTable } from '../../components/list/DataTable.tsx';
import { FilterBar, FilterSelect, SearchBox } from '../../components/list/filters.tsx';
import { PagedList } from '../../components/list/ListState.tsx';
import { useListParams } from '../../components/list/useListParams.ts';
import { Badge, type BadgeProps } from '../../components/ui/Badge.tsx';
import { Button } from '../../components/ui/Button.tsx';
import { Dialog } from '../../components/ui/Dialog.tsx';
import { EmptyState } from '../../components/ui/EmptyState.tsx';
import { ErrorState } from '../../components/ui/ErrorState.tsx';
import { Skeleton } from '../../components/ui/Skeleton.tsx';
import { useFormat } from '../../lib/format.ts';

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
  const { values, page, set, bindFilter, paging } = useListParams(FILTERS);
  const status = STATUSES.find((s) => s === values.status);
  const outbox = useOutbox({
    status,
    to: values.to || undefined,
    page,
    pageSize: PAGE_SIZE,
  });
  const { data } = outbox;
  const [open, setOpen] = useState<string | null>(null);

  return (
    <div className="flex flex-col gap-6">
      <title>{t('admin.outbox.documentTitle')}</title>
      <PageHeader title={t('admin.outbox.title')} subtitle={t('admin.outbox.subtitle')} />
      <FilterBar count={data ? t('admin.outbox.count', { count: data.total }) : null}>
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
        <SearchBox label={t('admin.outbox.to')} {...bindFilter('to')} />
      </FilterBar>

      <PagedList
        {...paging}
        pageSize={PAGE_SIZE}
        query={outbox}
        skeleton={{ rows: 6, height: 'h-14' }}
        empty={<EmptyState icon={Mail} title={t('admin.outbox.empty')} />}
      >
        {(items) => <OutboxList items={items} onOpen={setOpen} />}
      </PagedList>
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
  const date = (item: OutboxItem) => <time dateTime={item.createdAt}>{format.dateTime(item.createdAt)}</time>;
  return (
    <DataTable
      scroll
      rows={items}
      rowKey={(item) => item.id}
      columns={[
        {
          id: 'to',
          header: t('admin.outbox.colTo'),
          className: 'max-w-52 truncate',
          cell: (item) => item.to,
        },
        {
          id: 'subject',
          header: t('admin.outbox.colSubject'),
          cell: (item) => (
            <>
              <span className="block">{item.subject}</span>
              <span className="block font-mono text-xs text-muted-foreground">{item.template}</span>
            </>
          ),
        },
        {
          id: 'status',
          header: t('admin.outbox.colStatus'),
          cell: (item) => <StatusBadgeFor status={item.status} />,
        },
        { id: 'date', header: t('admin.outbox.colDate'), className: 'whitespace-nowrap', cell: date },
        {
          id: 'actions',
          header: t('admin.colActions'),
          srOnlyHeader: true,
          className: 'text-right',
          cell: open,
        },
      ]}
      cardClassName="gap-2"
      card={(item) => (
        <>
          <div className="flex items-start justify-between gap-2">
            <p className="min-w-0 font-medium">{item.subject}</p>
            <StatusBadgeFor status={item.status} />
          </div>
          <p className="truncate text-sm text-muted-foreground">{item.to}</p>
          <div className="flex items-center justify-between gap-2 text-sm">
            {date(item)}
            {open(item)}
          </div>
        </>
      )}
    />
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
          <MessageBody html={message.data.html} text={message.data.text} subject={message.data.subject} />
        </div>
      )}
    </Dialog>
  );
}

/**
 * The mail as the customer sees it. The HTML is untrusted (it carries customer-supplied names): it renders in a
 * sandboxed iframe without `allow-scripts` or `allow-same-origin`, so it runs no script and cannot reach the admin's
 * session; `allow-popups` (escaping the sandbox) only lets its links open in a new tab, which `<base target>` asks for.
 */
export function mailDocument(html: string): string {
  const base = '<base target="_blank">';
  return /<head[^>]*>/i.test(html)
    ? html.replace(/<head[^>]*>/i, (head) => `${head}${base}`)
    : `${base}${html}`;
}

function MessageBody({ html, text, subject }: { html: string; text: string; subject: string }) {
  const { t } = useTranslation();
  const [showText, setShowText] = useState(!html);
  return (
    <div className="flex flex-col gap-2">
      {html && (
        <div className="flex justify-end">
          <Button variant="outline" size="sm" aria-pressed={showText} onClick={() => setShowText((v) => !v)}>
            {showText ? t('admin.outbox.showHtml') : t('admin.outbox.showText')}
          </Button>
        </div>
      )}
      {showText ? (
        <pre
          data-testid="outbox-text"
          className="max-h-[50vh] overflow-auto rounded-lg border border-border bg-muted/40 p-3 font-mono text-xs whitespace-pre-wrap break-words"
        >
          {text}
        </pre>
      ) : (
        <iframe
          title={t('admin.outbox.htmlTitle', { subject })}
          data-testid="outbox-html"
          sandbox="allow-popups allow-popups-to-escape-sandbox"
          srcDoc={mailDocument(html)}
          className="h-[50vh] w-full rounded-lg border border-border bg-white"
        />
      )}
    </div>
  );
}
