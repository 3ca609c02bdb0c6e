import { useQueryClient } from '@tanstack/react-query';
import { Eye } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { endViewAsTab, readViewAs, startViewAsTab } from '../../api/viewAs.ts';
import { Button } from '../../components/ui/Button.tsx';
import { useFormat } from '../../lib/format.ts';

/** `/view-as#token=…&expires=…&email=…`: keeps the read-only token in this tab and opens the customer's panel. */
export function ViewAsStart() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [target, setTarget] = useState<string | null>(null);
  useEffect(() => {
    const params = new URLSearchParams(window.location.hash.slice(1));
    const token = params.get('token');
    const expiresAt = params.get('expires');
    // The token leaves the address bar (and the history) at once.
    window.history.replaceState(null, '', '/view-as');
    if (token && expiresAt && Date.parse(expiresAt) > Date.now()) {
      startViewAsTab({ token, expiresAt, email: params.get('email') ?? '' });
      queryClient.clear();
      setTarget('/panel');
    } else {
      setTarget('invalid');
    }
  }, [queryClient]);
  if (target === '/panel') return <Navigate to="/panel" replace />;
  if (target === 'invalid') return <p className="p-6 text-center">{t('console.viewAs.invalid')}</p>;
  return null;
}

/** The visible banner of a read-only "view as customer" tab (nothing can be changed from it). */
export function ViewAsBanner() {
  const { t } = useTranslation();
  const format = useFormat();
  const viewAs = readViewAs();
  if (!viewAs) return null;
  return (
    <div
      role="status"
      data-testid="view-as-banner"
      className="mb-4 flex flex-wrap items-center justify-between gap-3 rounded-xl border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950 dark:bg-amber-950 dark:text-amber-100"
    >
      <span className="flex items-center gap-2">
        <Eye aria-hidden="true" className="size-4 shrink-0" />
        {t('console.viewAs.banner', { email: viewAs.email, when: format.dateTime(viewAs.expiresAt) })}
      </span>
      <Button
        variant="outline"
        size="sm"
        onClick={() => {
          endViewAsTab();
          window.close();
          window.location.assign('/admin/customers');
        }}
      >
        {t('console.viewAs.end')}
      </Button>
    </div>
  );
}
