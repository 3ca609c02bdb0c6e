// Pieces shared by the admin lists: URL-backed filters, a debounced search box, pagination, page header and
// "how long has it waited".
import { ChevronLeft, ChevronRight, Search } from 'lucide-react';
import { useEffect, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { controlClass } from '../../components/form/fields.tsx';
import { Button } from '../../components/ui/Button.tsx';
import { cn } from '../../lib/cn.ts';

export const selectClass = cn(controlClass, 'h-10 pr-8');

/** Filters kept in the URL (so a list can be shared and survives a reload); changing one goes back to page 1. */
export function useListParams<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const values = Object.fromEntries(keys.map((key) => [key, params.get(key) ?? ''])) as Record<K, string>;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const set = (changes: Partial<Record<K | 'page', string | number>>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(changes)) {
          if (value === '' || value === undefined || (key === 'page' && Number(value) <= 1)) next.delete(key);
          else next.set(key, String(value));
        }
        if (!('page' in changes)) next.delete('page');
        return next;
      },
      { replace: true, preventScrollReset: true },
    );
  return { values, page, set };
}

/** Search box that reports its value 300 ms after the last keystroke. */
export function SearchBox({
  label,
  placeholder,
  value,
  onChange,
}: {
  label: string;
  placeholder?: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const id = useId();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text.trim() === value) return;
    const timer = setTimeout(() => onChange(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text, value, onChange]);
  return (
    <div className="flex w-full min-w-0 flex-col gap-1.5 sm:w-auto sm:flex-1 sm:max-w-xs">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <div className="relative">
        <Search
          aria-hidden="true"
          className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground"
        />
        <input
          id={id}
          type="search"
          value={text}
          placeholder={placeholder}
          autoComplete="off"
          onChange={(event) => setText(event.target.value)}
          className={cn(controlClass, 'h-10 pl-9')}
        />
      </div>
    </div>
  );
}

export function FilterSelect({
  label,
  value,
  onChange,
  children,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <div className="flex w-full flex-col gap-1.5 sm:w-auto">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        className={cn(selectClass, 'w-full sm:w-52')}
      >
        {children}
      </select>
    </div>
  );
}

export function Pagination({
  page,
  total,
  pageSize,
  onPage,
}: {
  page: number;
  total: number;
  pageSize: number;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav aria-label={t('pricing.pagination.label')} className="flex items-center justify-center gap-3">
      <Button variant="outline" size="sm" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        <ChevronLeft aria-hidden="true" />
        {t('pricing.pagination.previous')}
      </Button>
      <span className="text-sm text-muted-foreground">{t('pricing.pagination.status', { page, pages })}</span>
      <Button variant="outline" size="sm" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('pricing.pagination.next')}
        <ChevronRight aria-hidden="true" />
      </Button>
    </nav>
  );
}

export function PageHeader({
  title,
  subtitle,
  aside,
}: {
  title: string;
  subtitle?: string;
  aside?: ReactNode;
}) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{title}</h1>
        {subtitle && <p className="text-muted-foreground">{subtitle}</p>}
      </div>
      {aside}
    </div>
  );
}

/** "45 min", "3 h 20 min", "2 d 4 h". */
export function useWaiting() {
  const { t } = useTranslation();
  return (seconds: number | null): string | null => {
    if (seconds === null) return null;
    const minutes = Math.floor(seconds / 60);
    if (minutes < 60) return t('admin.waiting.minutes', { count: Math.max(1, minutes) });
    const hours = Math.floor(minutes / 60);
    if (hours < 24) return t('admin.waiting.hours', { hours, minutes: minutes % 60 });
    return t('admin.waiting.days', { days: Math.floor(hours / 24), hours: hours % 24 });
  };
}

export const th = 'px-3 py-2.5 font-medium';
export const tableWrap = 'hidden overflow-x-auto rounded-xl border border-border bg-card md:block';
export const theadClass = 'border-b border-border bg-muted/60 text-xs text-muted-foreground uppercase';
