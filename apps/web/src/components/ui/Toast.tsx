// Short notices that confirm the end of something that ran in the background ("Tu servidor está encendido") or
// explain why it failed. One store for the whole app; <Toaster/> (mounted by the panel and admin layouts) shows them
// in a polite live region, so screen readers announce them without moving the focus.
import { AlertTriangle, CheckCircle2, Info, X } from 'lucide-react';
import { useEffect, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../lib/cn.ts';
import { Button } from './Button.tsx';

export type ToastTone = 'success' | 'error' | 'info';
export type ToastItem = { id: number; tone: ToastTone; title: string; description?: string };

const DURATION_MS = 7_000;
let items: ToastItem[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function emit() {
  for (const listener of listeners) listener();
}

export function dismissToast(id: number): void {
  items = items.filter((item) => item.id !== id);
  emit();
}

/** Shows a notice; the newest is on top, at most four at a time. Returns its id. */
export function showToast(toast: Omit<ToastItem, 'id'>): number {
  const id = nextId++;
  items = [{ ...toast, id }, ...items].slice(0, 4);
  emit();
  return id;
}

export const toast = {
  success: (title: string, description?: string) => showToast({ tone: 'success', title, description }),
  error: (title: string, description?: string) => showToast({ tone: 'error', title, description }),
  info: (title: string, description?: string) => showToast({ tone: 'info', title, description }),
};

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const getItems = () => items;

const toneStyle: Record<ToastTone, string> = {
  success:
    'border-green-300 bg-green-50 text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100',
  error: 'border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100',
  info: 'border-border bg-card text-foreground',
};
const toneIcon = { success: CheckCircle2, error: AlertTriangle, info: Info } as const;

export function Toaster() {
  const list = useSyncExternalStore(subscribe, getItems, getItems);
  return (
    <div
      aria-live="polite"
      aria-relevant="additions"
      className="pointer-events-none fixed inset-x-0 bottom-0 z-50 flex flex-col items-center gap-2 p-4 sm:items-end"
    >
      {list.map((item) => (
        <ToastCard key={item.id} item={item} />
      ))}
    </div>
  );
}

function ToastCard({ item }: { item: ToastItem }) {
  const { t } = useTranslation();
  useEffect(() => {
    const timer = setTimeout(() => dismissToast(item.id), DURATION_MS);
    return () => clearTimeout(timer);
  }, [item.id]);
  const Icon = toneIcon[item.tone];
  return (
    <div
      data-testid="toast"
      data-tone={item.tone}
      className={cn(
        'pointer-events-auto flex w-full max-w-sm items-start gap-3 rounded-xl border p-4 text-sm shadow-lg',
        toneStyle[item.tone],
      )}
    >
      <Icon aria-hidden="true" className="mt-0.5 size-5 shrink-0" />
      <div className="min-w-0 flex-1">
        <p className="font-semibold">{item.title}</p>
        {item.description && <p className="mt-0.5 opacity-90">{item.description}</p>}
      </div>
      <Button
        variant="ghost"
        size="icon"
        className="-mt-2 -mr-2 shrink-0"
        aria-label={t('actions.close')}
        onClick={() => dismissToast(item.id)}
      >
        <X aria-hidden="true" />
      </Button>
    </div>
  );
}
