import type { HTMLAttributes } from 'react';
import { cn } from '../../lib/cn.ts';

/**
 * A count after a navigation item: the number in a pill (`activeClass` while above zero, muted at zero) and, for
 * screen readers, `label` instead.
 */
export function NavCount({
  count,
  label,
  activeClass,
  ...attributes
}: HTMLAttributes<HTMLSpanElement> & { count: number; label: string; activeClass: string }) {
  return (
    <span {...attributes}>
      <span
        aria-hidden="true"
        className={cn(
          'inline-flex min-w-6 items-center justify-center rounded-full px-1.5 text-xs font-semibold',
          count > 0 ? activeClass : 'bg-muted text-muted-foreground',
        )}
      >
        {count}
      </span>
      <span className="sr-only">{label}</span>
    </span>
  );
}
