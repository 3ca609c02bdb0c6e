// The bar above a list: its filters and, at the end, how many results there are.
import { Search } from 'lucide-react';
import { useEffect, useId, useState, type ReactNode } from 'react';
import { cn } from '../../lib/cn.ts';
import { controlClass } from '../form/fields.tsx';

const selectClass = cn(controlClass, 'h-10 pr-8');

/**
 * Filters in a row that wraps on phones, and the result count (announced politely when it changes). `spread` puts
 * the count at the far end of the same line as the filters; otherwise it keeps to the right even on a line of its
 * own.
 */
export function FilterBar({
  children,
  count,
  spread = false,
  className,
}: {
  children: ReactNode;
  /** The result count, `null` until it is known (its place is kept); leave it out for a bar without one. */
  count?: ReactNode;
  spread?: boolean;
  className?: string;
}) {
  return (
    <div className={cn('flex flex-wrap items-end gap-3', spread && 'justify-between', className)}>
      {children}
      {count !== undefined && (
        <p aria-live="polite" className={cn('min-h-5 text-sm text-muted-foreground', !spread && 'ml-auto')}>
          {count}
        </p>
      )}
    </div>
  );
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

/** A day (`yyyy-mm-dd`) that bounds a list, e.g. "Desde" / "Hasta". */
export function DayFilter({
  label,
  value,
  min,
  max,
  onChange,
}: {
  label: string;
  value: string;
  min?: string;
  max?: string;
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className="flex min-w-0 flex-1 flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        type="date"
        value={value}
        min={min}
        max={max}
        onChange={(event) => onChange(event.target.value)}
        className={cn(controlClass, 'h-10 sm:w-40')}
      />
    </div>
  );
}
