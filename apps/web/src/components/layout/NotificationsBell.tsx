import { Bell } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useMarkNotificationsRead, useNotifications } from '../../api/operations.ts';
import { useMe } from '../../api/session.ts';
import { useFormat } from '../../lib/format.ts';
import { noticeText, type NoticeNames } from '../../lib/notices.ts';
import { Button } from '../ui/Button.tsx';

/**
 * The bell: unread count (live over Server-Sent Events), the latest notifications in the reader's language (coded ones
 * translated with their parameters, older ones as stored), mark read per user.
 */
export function NotificationsBell() {
  const { t } = useTranslation();
  const format = useFormat();
  const { data: user } = useMe();
  const queryClient = useQueryClient();
  const notifications = useNotifications(Boolean(user));
  const markRead = useMarkNotificationsRead();
  const [open, setOpen] = useState(false);

  useEffect(() => {
    if (!user || typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/notifications/events', { withCredentials: true });
    source.addEventListener(
      'notifications',
      () => void queryClient.invalidateQueries({ queryKey: ['notifications'] }),
    );
    return () => source.close();
  }, [user, queryClient]);

  if (!user) return null;
  const unread = notifications.data?.unread ?? 0;
  const names: NoticeNames = { money: format.money, date: format.date };
  return (
    <div className="relative">
      <Button
        variant="ghost"
        size="icon"
        aria-label={t('ops.bell.label', { count: unread })}
        aria-expanded={open}
        data-testid="notifications-bell"
        onClick={() => setOpen(!open)}
      >
        <Bell aria-hidden="true" className="size-5!" />
        {unread > 0 && (
          <span
            aria-hidden="true"
            className="absolute top-1 right-1 inline-flex min-w-5 items-center justify-center rounded-full bg-red-600 px-1 text-xs font-semibold text-white"
          >
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </Button>
      {open && (
        <div className="absolute right-0 z-40 mt-2 w-80 max-w-[calc(100vw-2rem)] rounded-lg border border-border bg-card p-2 shadow-lg">
          <div className="flex items-center justify-between px-2 py-1">
            <p className="font-medium">{t('ops.bell.title')}</p>
            {unread > 0 && (
              <Button variant="ghost" size="sm" onClick={() => markRead.mutate(null)}>
                {t('ops.bell.readAll')}
              </Button>
            )}
          </div>
          <ul className="max-h-96 overflow-y-auto">
            {(notifications.data?.items ?? []).length === 0 && (
              <li className="px-2 py-3 text-sm text-muted-foreground">{t('ops.bell.empty')}</li>
            )}
            {(notifications.data?.items ?? []).map((n) => {
              const text = noticeText(n, names, t);
              return (
                <li key={n.id} className="rounded-md px-2 py-2 hover:bg-muted">
                  <Link
                    to={n.link ?? '#'}
                    onClick={() => {
                      if (!n.read) markRead.mutate(n.id);
                      setOpen(false);
                    }}
                    className="block"
                  >
                    <p className={n.read ? 'text-sm text-muted-foreground' : 'text-sm font-medium'}>
                      {text.title}
                    </p>
                    {text.body && <p className="line-clamp-2 text-xs text-muted-foreground">{text.body}</p>}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </div>
  );
}
